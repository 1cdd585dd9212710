using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Seal;

/// <summary><c>POST /v1/sys/seal</c> (admin) in shamir mode: keys are dropped until K shares come back.</summary>
public sealed class ShamirSealTests : ShamirHostTest
{
    [Fact]
    public async Task SealingTakesTheAdminRole()
    {
        using var client = Anonymous();
        var (keys, rootToken) = await client.InitFiveOfThreeAsync();
        await UnsealAsync(keys[0], keys[1], keys[2]);
        var architect = await CreateAgentWithRootTokenAsync(rootToken, "senior_architect");

        var response = await architect.Client.PostAsync("/v1/sys/seal", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.False((await client.SealStatusAsync())["sealed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SealingWithoutATokenIsUnauthorized()
    {
        using var client = Anonymous();
        var (keys, _) = await client.InitFiveOfThreeAsync();
        await UnsealAsync(keys[0], keys[1], keys[2]);

        var response = await client.PostAsync("/v1/sys/seal", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False((await client.SealStatusAsync())["sealed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AfterSealingAndUnsealingWithAnyThreeSharesEarlierContentReadsBack()
    {
        using var client = Anonymous();
        var (keys, rootToken) = await client.InitFiveOfThreeAsync();
        await UnsealAsync(keys[0], keys[1], keys[2]);
        var agent = await CreateAgentWithRootTokenAsync(rootToken, "backend_developer");
        var address = Project.Address("/src/kept.cs");
        var written = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("survives the seal", data: new() { ["tags"] = Json.Array("kept") }));
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        using var root = Factory.ClientWithToken(rootToken);

        var sealedStatus = await (await root.PostAsync("/v1/sys/seal", null)).ReadJsonAsync(HttpStatusCode.OK);
        var whileSealed = await agent.Client.GetAsync(Url.Context(address));
        var writeWhileSealed = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("lost"));
        await UnsealAsync(keys[4], keys[1], keys[3]);
        var view = await (await agent.Client.GetAsync(Url.Context(address))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.True(sealedStatus["sealed"]!.GetValue<bool>());
        await whileSealed.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        await writeWhileSealed.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("survives the seal", view["context_data"]!["summary"]!.GetValue<string>());
        Assert.Equal(["kept"], Json.Strings(view["context_data"]!["tags"]));
        Assert.Equal(1, view["temporal_metadata"]!["version"]!.GetValue<int>());
    }
}
