using System.Globalization;
using System.Net;
using Slurp.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Database;

/// <summary>
/// Two silos under write load (through both front doors) while their PostgreSQL restarts (<c>pg_ctl stop -m fast</c>:
/// sessions ended with 57P01, new connections refused; 5 s later <c>pg_ctl start</c> with the same options). A request
/// may answer 503 while the database is away, never 500; nothing acknowledged is lost; and the cluster serves again
/// by itself, without restarting a silo.
/// The server is the test's own (same major version as SLURP_TEST_POSTGRES): restarting the shared one would
/// break whatever else is using it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private const string Project = "pgrestart";
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(30);

    // A bare `pg_ctl restart -m fast` is down for ≈ 0.2 s here, too short for many requests to meet it: the server
    // is kept down for a few seconds (still well inside the front door's 15 s retry budget).
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(5);

    [Fact(Timeout = 170_000)]
    public async Task Restarting_PostgreSQL_under_write_load_answers_at_worst_503_loses_nothing_and_recovers_by_itself()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(160));
        var ct = overall.Token;
        var phases = new PhaseClock(output);
        await using var server = await PrivatePostgresServer.StartAsync(TestPostgres.ServerConnectionString, ct);
        phases.Mark("private PostgreSQL started");
        await using var running = await RunningCluster.StartAsync(server.ConnectionString, 2, TestCluster.ReminderArguments, ct);
        var cluster = running.Cluster;
        phases.Mark("cluster up, unsealed");
        var (silo1, silo2) = (cluster.Clients[0], cluster.Clients[1]);
        var load = new WriteLoad(Project, cluster.AgentToken, [silo1, silo2], writers: 6, hotNodes: 3, pause: TimeSpan.FromMilliseconds(40));

        using var stopWriting = new CancellationTokenSource();
        var writing = load.RunAsync(maxOperationsPerWriter: 2_000, stopWriting.Token, ct);
        DateTimeOffset restartBegan, backAt;
        var resumedAfter = new Dictionary<string, TimeSpan>();
        try
        {
            await Deadline.WaitUntilAsync(() => load.AcknowledgedCount >= 100 || writing.IsCompleted,
                TimeSpan.FromSeconds(60), () => $"{load.AcknowledgedCount} writes acknowledged before the restart", ct);
            Assert.False(writing.IsCompleted, "the writers stopped before the restart: " + string.Join('\n', load.Outcomes.Where(o => !o.Acknowledged).Take(10)));

            phases.Mark($"{load.AcknowledgedCount} writes acknowledged; restarting PostgreSQL");
            restartBegan = DateTimeOffset.UtcNow;
            await server.RestartAsync(Downtime, ct);
            backAt = DateTimeOffset.UtcNow;
            Assert.True(await server.AcceptsConnectionsAsync(ct), "PostgreSQL did not come back");

            // Service resumes by itself: each silo is ready again and acknowledges writes sent after the restart.
            foreach (var client in cluster.Clients)
            {
                await client.Silo.WaitUntilReadyAsync(ResumeBound, ct);
            }

            await Deadline.WaitUntilAsync(
                () => cluster.Clients.All(c => load.Outcomes.Any(o => o.FrontDoor == c.Silo.Name && o.Acknowledged && o.SentAt >= backAt)) || writing.IsCompleted,
                ResumeBound, () => "not every front door acknowledged a write after PostgreSQL was back\n" + cluster.Diagnostics(), ct);
            foreach (var client in cluster.Clients)
            {
                var first = load.Outcomes.Where(o => o.FrontDoor == client.Silo.Name && o.Acknowledged && o.SentAt >= backAt).Min(o => o.AnsweredAt);
                resumedAfter[client.Silo.Name] = first - backAt;
            }

            phases.Mark("every front door acknowledged a write again");

            // And keeps serving.
            var acknowledgedAtResume = load.AcknowledgedCount;
            await Deadline.WaitUntilAsync(() => load.AcknowledgedCount >= acknowledgedAtResume + 60 || writing.IsCompleted,
                TimeSpan.FromSeconds(30), () => $"only {load.AcknowledgedCount - acknowledgedAtResume} writes acknowledged after resuming", ct);
        }
        finally
        {
            await stopWriting.CancelAsync();
            await Deadline.WithinAsync(writing, TimeSpan.FromSeconds(60), "the writers");
        }

        phases.Mark("writers stopped");
        var outcomes = load.Outcomes;
        foreach (var client in cluster.Clients)
        {
            var log = FrontDoorLog.Of(client.Silo, restartBegan);
            output.WriteLine($"{client.Silo.Name}: {log.Retries.Count} retries after transient failures, gave up (503) {log.GaveUp.Count} times; " +
                string.Join(", ", log.Retries.GroupBy(r => r.Message[(r.Message.LastIndexOf(' ') + 1)..]).Select(g => $"{g.Key} ×{g.Count()}")));
        }

        var byStatus = outcomes.GroupBy(o => o.Status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "transport error")
            .ToDictionary(g => g.Key, g => g.Count());
        var summary = string.Join(", ", byStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));
        var unavailable = outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        output.WriteLine(
            $"writes: {outcomes.Count} ({summary}), {unavailable.Count} of them 503; PostgreSQL stopped, down {Downtime.TotalSeconds:0} s and " +
            $"accepting connections again {(backAt - restartBegan).TotalSeconds:0.00} s after the stop began; first write sent after that and " +
            "acknowledged: " + string.Join(", ", resumedAfter.Select(p => $"{p.Key} {p.Value.TotalSeconds:0.00} s")));

        // Never a 500; anything not acknowledged is a 503 (the retry budget ran out while the database was away).
        Assert.True(outcomes.All(o => o.Status != HttpStatusCode.InternalServerError),
            "answered 500: " + string.Join('\n', outcomes.Where(o => o.Status == HttpStatusCode.InternalServerError).Take(3).Select(o => $"{o}\n{cluster.LogOf(o)}")));
        Assert.True(outcomes.All(o => o.Acknowledged || o.Status == HttpStatusCode.ServiceUnavailable),
            $"failed otherwise than 503 ({summary}): " + string.Join('\n', outcomes.Where(o => !o.Acknowledged && o.Status != HttpStatusCode.ServiceUnavailable).Take(10)));
        Assert.All(resumedAfter.Values, after => Assert.True(after <= ResumeBound, $"resumed only after {after}"));

        // A database failure on one silo reaches a caller on another as itself (Npgsql's exceptions cross silos),
        // not as a failure to serialize it — which the front door could only answer with 500.
        var unserializable = cluster.Silos.SelectMany(s => s.Lines().Where(l => l.Text.Contains("CodecNotFoundException", StringComparison.Ordinal))).ToList();
        Assert.True(unserializable.Count == 0, "an exception could not cross silos: " + (unserializable.Count == 0 ? string.Empty : unserializable[0].Text[..Math.Min(2000, unserializable[0].Text.Length)]));

        // Nothing acknowledged was lost: every acknowledged version reads back through both silos.
        foreach (var client in cluster.Clients)
        {
            var readBack = await load.VerifyAsync(client, ct);
            output.WriteLine(readBack.ToString());
            Assert.True(readBack.Problems.Count == 0, readBack.ToString());
        }

        phases.Mark("read back through both silos");
    }
}
