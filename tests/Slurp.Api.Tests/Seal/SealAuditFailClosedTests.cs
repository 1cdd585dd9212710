using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Seal;

/// <summary>Seal operations are audited before they take effect: without an audit log they change nothing.</summary>
public sealed class SealAuditFailClosedTests : IAsyncLifetime
{
    private readonly ShamirSwitchableAuditFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AnUnsealShareThatCannotBeAuditedIsRefusedAndDoesNotUnseal()
    {
        using var client = _factory.CreateClient();
        var (keys, _) = await client.InitFiveOfThreeAsync();
        await client.UnsealOkAsync(keys[0]);
        await client.UnsealOkAsync(keys[1]);

        HttpResponseMessage response;
        using (_factory.Audit.FailWhileInScope())
        {
            response = await client.UnsealAsync(keys[2]);
        }

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        var status = await client.SealStatusAsync();
        Assert.True(status["sealed"]!.GetValue<bool>());
        Assert.Equal(2, status["progress"]!.GetValue<int>());
        using var admin = _factory.AdminClient();
        await (await admin.GetAsync("/v1/keys")).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task AFirstShareThatCannotBeAuditedIsNotCounted()
    {
        using var client = _factory.CreateClient();
        var (keys, _) = await client.InitFiveOfThreeAsync();

        HttpResponseMessage response;
        using (_factory.Audit.FailWhileInScope())
        {
            response = await client.UnsealAsync(keys[0]);
        }

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(0, (await client.SealStatusAsync())["progress"]!.GetValue<int>());
    }

    [Fact]
    public async Task SealingThatCannotBeAuditedIsRefusedAndLeavesTheSiloUnsealed()
    {
        using var client = _factory.CreateClient();
        var (keys, rootToken) = await client.InitFiveOfThreeAsync();
        await client.UnsealOkAsync(keys[0]);
        await client.UnsealOkAsync(keys[1]);
        await client.UnsealOkAsync(keys[2]);
        using var root = _factory.ClientWithToken(rootToken);

        HttpResponseMessage response;
        using (_factory.Audit.FailWhileInScope())
        {
            response = await root.PostAsync("/v1/sys/seal", null);
        }

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.False((await client.SealStatusAsync())["sealed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task InitThatCannotBeAuditedIsRefusedAndInitializesNothing()
    {
        using var client = _factory.CreateClient();

        HttpResponseMessage response;
        using (_factory.Audit.FailWhileInScope())
        {
            response = await client.InitAsync(5, 3);
        }

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.False((await client.SealStatusAsync())["initialized"]!.GetValue<bool>());
        await (await client.InitAsync(5, 3)).ReadJsonAsync(HttpStatusCode.OK);
    }
}
