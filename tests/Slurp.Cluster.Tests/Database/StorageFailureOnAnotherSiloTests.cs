using System.Net;
using Slurp.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Database;

/// <summary>
/// A grain's storage call fails on one silo while the request came in through another: the failure must reach the
/// front door as what it is (a transient database error, retried) — not as a failure to serialize it (a 500).
/// Deterministic: the context nodes' table (slurp_grain_state) is locked for 2 s while the silos' sessions have a
/// 200 ms lock_timeout, so every node write in that window fails with 55P03 (lock_not_available) — the whole group
/// commit of whichever silo holds the grain, its audit entries with it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StorageFailureOnAnotherSiloTests(ITestOutputHelper output)
{
    private const string Project = "storagefail";
    private const int Nodes = 40;

    [Fact(Timeout = 150_000)]
    public async Task A_storage_failure_in_a_grain_on_another_silo_is_retried_and_never_answered_500()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(140));
        var ct = overall.Token;
        var phases = new PhaseClock(output);
        await using var running = await RunningCluster.StartAsync(
            TestPostgres.ServerConnectionString, 2, TestCluster.ReminderArguments, ct,
            database => database.SetForNewSessionsAsync("lock_timeout", "200ms", ct));
        var (cluster, database) = (running.Cluster, running.Database);
        var (silo1, silo2) = (cluster.Clients[0], cluster.Clients[1]);
        phases.Mark("cluster up, unsealed");

        // Half the nodes are first written through silo2, so their grains (placed next to the caller when loads are
        // close) live there; all later writes come in through silo1.
        var load = new WriteLoad(Project, cluster.AgentToken, [silo1], writers: 1, hotNodes: 1, pause: TimeSpan.Zero);
        var paths = Enumerable.Range(0, Nodes).Select(i => $"/src/s/n{i}").ToList();
        await ForEachAsync(paths, (path, i) => load.WriteOnceAsync(i % 2 == 0 ? silo2 : silo1, writer: 0, operation: i, path, ct));
        Assert.True(load.Outcomes.All(o => o.Acknowledged), string.Join('\n', load.Outcomes.Where(o => !o.Acknowledged)));

        DateTimeOffset lockedAt;
        Task rewriting;
        await using (await database.LockExclusivelyAsync("slurp_grain_state", ct))
        {
            lockedAt = DateTimeOffset.UtcNow;
            phases.Mark("slurp_grain_state locked");
            rewriting = ForEachAsync(paths, (path, i) => load.WriteOnceAsync(silo1, writer: 1, operation: i, path, ct));
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }

        phases.Mark("lock released");
        await Deadline.WithinAsync(rewriting, TimeSpan.FromSeconds(60), "the writes made while the table was locked");
        phases.Mark("writes done");

        var outcomes = load.Outcomes;
        var frontDoor = FrontDoorLog.Of(silo1.Silo, lockedAt);
        output.WriteLine($"{frontDoor.Retries.Count} retries by silo1's front door: " +
            string.Join(", ", frontDoor.Retries.GroupBy(r => r.Message[(r.Message.LastIndexOf(' ') + 1)..]).Select(g => $"{g.Key} ×{g.Count()}")));
        Assert.True(outcomes.All(o => o.Status != HttpStatusCode.InternalServerError),
            "answered 500: " + string.Join('\n', outcomes.Where(o => o.Status == HttpStatusCode.InternalServerError).Take(3).Select(o => $"{o}\n{cluster.LogOf(o)}")));
        Assert.True(outcomes.All(o => o.Acknowledged), "not acknowledged: " + string.Join('\n', outcomes.Where(o => !o.Acknowledged).Take(10)));
        Assert.Empty(frontDoor.GaveUp);
        Assert.True(frontDoor.Retries.Count > 0, "the locked table failed no write: was it locked?\n" + silo1.Silo.RecentOutput());
        var unserializable = cluster.Silos.SelectMany(s => s.Lines().Where(l => l.Text.Contains("CodecNotFoundException", StringComparison.Ordinal))).ToList();
        Assert.True(unserializable.Count == 0, "an exception could not cross silos: " + (unserializable.Count == 0 ? string.Empty : unserializable[0].Text[..Math.Min(2000, unserializable[0].Text.Length)]));

        foreach (var client in cluster.Clients)
        {
            var readBack = await load.VerifyAsync(client, ct);
            output.WriteLine(readBack.ToString());
            Assert.True(readBack.Problems.Count == 0, readBack.ToString());
        }
    }

    /// <summary>Runs <paramref name="write"/> for every path, 8 at a time.</summary>
    private static async Task ForEachAsync(IReadOnlyList<string> paths, Func<string, int, Task> write)
    {
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(paths.Select(async (path, i) =>
        {
            await gate.WaitAsync();
            try
            {
                await write(path, i);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
