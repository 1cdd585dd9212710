using System.Net;
using System.Text.Json.Nodes;

namespace Slurp.Durability.Tests.Bootstrap;

/// <summary>
/// With no configured admin token the embedded default generates one into <c>&lt;DataDir&gt;/admin.token</c>
/// (mode 0600, API.md "Bootstrap and identity"); a restart, even after SIGKILL, keeps and honours it.
/// </summary>
[Collection(RealHostCollection.Name)]
public sealed class GeneratedAdminTokenTests(GeneratedAdminTokenScenario scenario) : IClassFixture<GeneratedAdminTokenScenario>
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void TheGeneratedTokenFileIsReadableAndWritableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(OwnerReadWrite, scenario.FirstMode);
        Assert.Equal(OwnerReadWrite, scenario.ModeAfterRestart);
    }

    [Fact]
    public void ARestartKeepsTheGeneratedTokenInsteadOfMakingANewOne()
    {
        Assert.StartsWith("slurp_", scenario.FirstToken, StringComparison.Ordinal);
        Assert.Equal(scenario.FirstToken, scenario.TokenAfterRestart);
    }

    [Fact]
    public async Task TheGeneratedTokenStillActsAsAdminAfterRestart()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);

        var agentToken = await scenario.Restarted.CreateAgentAsync(scenario.TokenAfterRestart, "after-restart", ["auditor"], timeout.Token);

        Assert.StartsWith("slurp_", agentToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentRegisteredWithTheGeneratedTokenSurvivesTheRestart()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);

        var answer = await scenario.Restarted.GetRolesAsync(scenario.AgentToken, timeout.Token);
        var again = await scenario.Restarted.SendAsync(
            HttpMethod.Post, "v1/agents", scenario.TokenAfterRestart,
            new JsonObject { ["agent_id"] = GeneratedAdminTokenScenario.AgentId, ["roles"] = new JsonArray("auditor") },
            timeout.Token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }
}
