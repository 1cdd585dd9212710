using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;
using static Slurp.Durability.Tests.Crash.CrashDuringWritesScenario;

namespace Slurp.Durability.Tests.Crash;

/// <summary>
/// The durability promise of the embedded default (API.md, BENCH.md target 2): a write is acknowledged only
/// after its fsync, so a SIGKILL of the real host loses no acknowledged write, token or role.
/// </summary>
[Collection(RealHostCollection.Name)]
public sealed class CrashDuringWritesTests(CrashDuringWritesScenario scenario, ITestOutputHelper output) : IClassFixture<CrashDuringWritesScenario>
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public void TheHostWasKilledBySigkillWhileWritesWereInFlight()
    {
        output.WriteLine(
            $"{scenario.Acknowledged.Count} writes acknowledged ({scenario.Acknowledged.Count(w => w.Path == HotPath)} versions of {HotPath}), "
            + $"{scenario.InFlightAtKill} in flight at the kill, exit code {scenario.ExitCodeOfKilledHost}");
        Assert.Empty(scenario.FailuresBeforeKill);
        Assert.True(scenario.Acknowledged.Count >= AcknowledgedTarget, $"{scenario.Acknowledged.Count} writes acknowledged");
        Assert.True(scenario.InFlightAtKill > 0, "no write was in flight when the host was killed");
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(128 + 9, scenario.ExitCodeOfKilledHost);
        }
    }

    [Fact]
    public void TheWritesCoveredDistinctNodesAndManyVersionsOfOneNode()
    {
        var hot = scenario.Acknowledged.Where(w => w.Path == HotPath).ToList();
        Assert.True(hot.Count >= 10, $"only {hot.Count} versions of {HotPath}");
        Assert.Equal(hot.Count, hot.Select(w => w.Version).Distinct().Count());
        Assert.True(scenario.Acknowledged.Count(w => w.Path != HotPath) >= 200);
        Assert.Equal(Writers, scenario.Acknowledged.Select(w => w.Writer).Distinct().Count());
    }

    [Fact]
    public async Task EveryAcknowledgedWriteReadsBackWithItsContentAndVersion()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var problems = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(
            scenario.Acknowledged,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = timeout.Token },
            async (write, ct) =>
            {
                var answer = await scenario.Restarted.GetContextAsync(
                    scenario.AgentToken, ReadAddress(WriterRole, write.Path, write.Version), resolve: false, ct);
                if (answer.Status != HttpStatusCode.OK)
                {
                    problems.Enqueue($"{write.Path} v{write.Version}: {answer}");
                    return;
                }

                var summary = answer.Body!["context_data"]?["summary"]?.GetValue<string>();
                var version = answer.Body["temporal_metadata"]?["version"]?.GetValue<int>();
                var createdBy = answer.Body["temporal_metadata"]?["created_by"]?.GetValue<string>();
                if (summary != write.Summary || version != write.Version || createdBy != $"{AgentId}:{WriterRole}")
                {
                    problems.Enqueue($"{write.Path} v{write.Version}: read back v{version} '{summary}' by {createdBy}, acknowledged '{write.Summary}'");
                }
            });

        Assert.True(problems.IsEmpty, $"{problems.Count} of {scenario.Acknowledged.Count} acknowledged writes are lost or wrong:\n"
            + string.Join('\n', problems.Take(20)));
    }

    [Fact]
    public async Task TheHistoryOfEveryNodeHoldsEveryAcknowledgedVersion()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var problems = new ConcurrentQueue<string>();
        var byNode = scenario.Acknowledged.GroupBy(w => w.Path).ToList();
        await Parallel.ForEachAsync(
            byNode,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = timeout.Token },
            async (node, ct) =>
            {
                var history = await scenario.Restarted.GetHistoryVersionsAsync(scenario.AgentToken, ReadAddress(WriterRole, node.Key), ct);
                var missing = node.Select(w => w.Version).Except(history).Order().ToList();
                if (missing.Count > 0)
                {
                    problems.Enqueue($"{node.Key}: history [{string.Join(",", history)}] lacks acknowledged version(s) {string.Join(",", missing)}");
                }

                if (history.Count != history.Distinct().Count())
                {
                    problems.Enqueue($"{node.Key}: history repeats a version: [{string.Join(",", history)}]");
                }
            });

        Assert.True(problems.IsEmpty, string.Join('\n', problems.Take(20)));
    }

    [Fact]
    public async Task TheAgentTokenStillAuthenticatesAfterRestart()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var answer = await scenario.Restarted.GetRolesAsync(scenario.AgentToken, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        var stranger = await scenario.Restarted.GetRolesAsync("slurp_not-a-token", timeout.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.Status);
    }

    [Fact]
    public async Task TheAgentKeepsExactlyItsRolesAfterRestart()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var path = scenario.Acknowledged.First(w => w.Path != HotPath).Path;

        var asWriter = await scenario.Restarted.GetContextAsync(scenario.AgentToken, ReadAddress(WriterRole, path), resolve: true, timeout.Token);
        var asCustom = await scenario.Restarted.GetContextAsync(scenario.AgentToken, ReadAddress(CustomRole, path), resolve: true, timeout.Token);
        var asNotHeld = await scenario.Restarted.GetContextAsync(scenario.AgentToken, ReadAddress("devops_engineer", path), resolve: true, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, asWriter.Status);
        Assert.Equal(HttpStatusCode.OK, asCustom.Status);
        Assert.Equal(HttpStatusCode.Forbidden, asNotHeld.Status);
    }

    [Fact]
    public async Task ARoleCreatedBeforeTheCrashKeepsItsDefinition()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var answer = await scenario.Restarted.GetRolesAsync(scenario.AdminToken, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        var role = answer.Body!["items"]!.AsArray().SingleOrDefault(r => r!["name"]!.GetValue<string>() == CustomRole);
        Assert.NotNull(role);
        Assert.Equal("medium", role["access_level"]!.GetValue<string>());
        Assert.Equal(["/src/**"], role["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.False(role["can_write"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AWriteAfterRestartContinuesFromTheRecoveredHead()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var history = await scenario.Restarted.GetHistoryVersionsAsync(scenario.AgentToken, ReadAddress(WriterRole, HotPath), timeout.Token);

        var answer = await scenario.Restarted.PutContextAsync(
            scenario.AgentToken, WriteAddress(HotPath), ContextData("written after the restart", Writers, 0), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(history.Max() + 1, answer.Body!["temporal_metadata"]!["version"]!.GetValue<int>());
    }
}
