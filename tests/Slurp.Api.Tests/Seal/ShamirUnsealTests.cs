using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;
using Slurp.Domain.Crypto;

namespace Slurp.Api.Tests.Seal;

/// <summary><c>POST /v1/sys/unseal</c>: K shares unseal; fewer, duplicates, garbage and foreign shares do not.</summary>
public sealed class ShamirUnsealTests : ShamirHostTest
{
    [Fact]
    public async Task TwoOfThreeSharesLeaveTheSiloSealedAndTheThirdUnsealsIt()
    {
        using var client = Anonymous();
        var (keys, rootToken) = await client.InitFiveOfThreeAsync();
        using var admin = Factory.AdminClient();

        await client.UnsealOkAsync(keys[0]);
        var afterTwo = await client.UnsealOkAsync(keys[1]);
        var whileSealed = await admin.GetAsync(Url.Context(Project.Address("/src/a.cs")));
        var afterThree = await client.UnsealOkAsync(keys[2]);

        Assert.Equal(2, afterTwo["progress"]!.GetValue<int>());
        Assert.True(afterTwo["sealed"]!.GetValue<bool>());
        await whileSealed.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.False(afterThree["sealed"]!.GetValue<bool>());
        Assert.Equal(0, afterThree["progress"]!.GetValue<int>());
        var agent = await CreateAgentWithRootTokenAsync(rootToken, "backend_developer");
        var written = await agent.Client.PutJsonAsync(Url.Context(Project.Address("/src/a.cs")), ContextWrites.Body("after unseal"));
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var read = await (await agent.Client.GetAsync(Url.Context(Project.Address("/src/a.cs")))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("after unseal", read["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADuplicateShareDoesNotCount()
    {
        using var client = Anonymous();
        var (keys, _) = await client.InitFiveOfThreeAsync();

        await client.UnsealOkAsync(keys[3]);
        await client.UnsealOkAsync(keys[3]);
        var status = await client.UnsealOkAsync(keys[3]);

        Assert.Equal(1, status["progress"]!.GetValue<int>());
        Assert.True(status["sealed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ADifferentShareWithAnIndexAlreadySubmittedIsRefusedAndStartsOver()
    {
        using var client = Anonymous();
        var (keys, _) = await client.InitFiveOfThreeAsync();
        await client.UnsealOkAsync(keys[0]);
        await client.UnsealOkAsync(keys[1]);
        var mistyped = Convert.FromBase64String(keys[1]);
        mistyped[^1] ^= 0x01;

        var response = await client.UnsealAsync(Convert.ToBase64String(mistyped));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.EndsWith("conflicting-share", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains($"index {mistyped[0]}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await client.SealStatusAsync())["progress"]!.GetValue<int>());
        await client.UnsealOkAsync(keys[1]);
        await client.UnsealOkAsync(keys[2]);
        var status = await client.UnsealOkAsync(keys[4]);
        Assert.False(status["sealed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AGarbageKeyIsABadRequestAndKeepsTheProgress()
    {
        using var client = Anonymous();
        var (keys, _) = await client.InitFiveOfThreeAsync();
        await client.UnsealOkAsync(keys[0]);

        var response = await client.UnsealAsync("%%% not a share %%%");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var status = await client.SealStatusAsync();
        Assert.Equal(1, status["progress"]!.GetValue<int>());
        Assert.True(status["sealed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ATruncatedShareIsABadRequestAndDoesNotCount()
    {
        using var client = Anonymous();
        var (keys, _) = await client.InitFiveOfThreeAsync();
        await client.UnsealOkAsync(keys[0]);

        var response = await client.UnsealAsync(keys[1][..20]);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(1, (await client.SealStatusAsync())["progress"]!.GetValue<int>());
        await UnsealAsync(keys[1], keys[2]);
    }

    [Fact]
    public async Task SharesOfAnotherSplitAreWrongSharesAndResetTheProgress()
    {
        using var client = Anonymous();
        var (keys, _) = await client.InitFiveOfThreeAsync();
        var foreign = ShamirSecretSharing.Split(RandomSecret(), 5, 3, SystemRandomSource.Instance).Select(s => s.ToBase64()).ToArray();

        var first = await client.UnsealOkAsync(foreign[0]);
        var second = await client.UnsealOkAsync(foreign[1]);
        var third = await client.UnsealAsync(foreign[2]);

        Assert.Equal(1, first["progress"]!.GetValue<int>());
        Assert.Equal(2, second["progress"]!.GetValue<int>());
        var problem = await third.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("urn:slurp:problem:wrong-shares", problem.GetProperty("type").GetString());
        var status = await client.SealStatusAsync();
        Assert.Equal(0, status["progress"]!.GetValue<int>());
        Assert.True(status["sealed"]!.GetValue<bool>());
        await UnsealAsync(keys[0], keys[1], keys[2]);
    }

    [Fact]
    public async Task ResetClearsTheProgress()
    {
        using var client = Anonymous();
        var (keys, _) = await client.InitFiveOfThreeAsync();
        await client.UnsealOkAsync(keys[0]);
        await client.UnsealOkAsync(keys[1]);

        var reset = await (await client.PostJsonAsync("/v1/sys/unseal", new JsonObject { ["reset"] = true })).ReadJsonAsync(HttpStatusCode.OK);
        var afterOneMore = await client.UnsealOkAsync(keys[2]);

        Assert.Equal(0, reset["progress"]!.GetValue<int>());
        Assert.True(reset["sealed"]!.GetValue<bool>());
        Assert.Equal(1, afterOneMore["progress"]!.GetValue<int>());
        Assert.True(afterOneMore["sealed"]!.GetValue<bool>());
    }

    private static byte[] RandomSecret()
    {
        var secret = new byte[32];
        SystemRandomSource.Instance.Fill(secret);
        return secret;
    }
}
