using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Seal;

/// <summary><c>POST /v1/sys/init</c> in shamir mode: shares and a root token, once.</summary>
public sealed class ShamirInitTests : ShamirHostTest
{
    [Fact]
    public async Task InitHandsOutTheSharesAndARootTokenOnceAndLeavesTheSiloSealed()
    {
        using var client = Anonymous();

        var init = await (await client.InitAsync(5, 3)).ReadJsonAsync(HttpStatusCode.OK);
        var again = await client.InitAsync(5, 3);

        var keys = Json.Strings(init["keys"]);
        Assert.Equal(5, keys.Length);
        Assert.Equal(5, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.True(Convert.TryFromBase64String(k, new byte[k.Length], out _), $"'{k}' is not base64"));
        Assert.False(string.IsNullOrWhiteSpace(init["root_token"]!.GetValue<string>()));
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var status = await client.SealStatusAsync();
        Assert.True(status["initialized"]!.GetValue<bool>());
        Assert.True(status["sealed"]!.GetValue<bool>());
        Assert.Equal(5, status["shares"]!.GetValue<int>());
        Assert.Equal(3, status["threshold"]!.GetValue<int>());
        Assert.Equal(0, status["progress"]!.GetValue<int>());
        var inits = (await Factory.AuditEntriesAsync(("agent", "anonymous"))).Where(e => e!.Text("action") == "init").ToList();
        Assert.Equal(["failed", "allowed"], inits.Select(e => e!.Text("outcome")));
    }

    [Fact]
    public async Task TheRootTokenCannotReachContextBeforeTheSiloIsUnsealed()
    {
        using var client = Anonymous();
        var (_, rootToken) = await client.InitFiveOfThreeAsync();
        using var root = Factory.ClientWithToken(rootToken);

        var response = await root.GetAsync(Url.Context(Project.Address("/src/a.cs")));

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
    }
}
