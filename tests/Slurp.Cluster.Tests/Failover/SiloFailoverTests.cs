using System.Globalization;
using System.Net;
using Slurp.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Failover;

/// <summary>
/// Three silos on PostgreSQL; 8 writers PUT through silo1's front door while silo2 — which hosts a share of the
/// grains in use — is killed with SIGKILL. Membership must declare it dead quickly, the front door must retry
/// the calls that hit it (never 500, and no 503 either: the budget is 15 s, failover takes a few), and every
/// acknowledged write must read back, exact version and content, through both survivors.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloFailoverTests(ITestOutputHelper output)
{
    private const string Project = "failover";
    private const int HotNodes = 4;
    private const int AcknowledgedBeforeKill = 150;
    private const int AcknowledgedAfterKill = 100;
    private const int SiloStatusDead = 6; // Orleans.Runtime.SiloStatus.Dead

    [Fact(Timeout = 170_000)]
    public async Task Killing_a_silo_under_write_load_loses_no_acknowledged_write_and_never_answers_500()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(160));
        var ct = overall.Token;
        var phases = new PhaseClock(output);
        await using var running = await RunningCluster.StartAsync(TestPostgres.ServerConnectionString, 3, TestCluster.ReminderArguments, ct);
        var cluster = running.Cluster;
        var database = running.Database;
        phases.Mark("cluster up, unsealed");
        var (silo1, silo2, silo3) = (cluster.Clients[0], cluster.Clients[1], cluster.Clients[2]);
        var load = new WriteLoad(Project, cluster.AgentToken, [silo1], writers: 8, HotNodes, pause: TimeSpan.FromMilliseconds(40));

        // A node lives on the silo whose front door first asked for it (Slurp:Cluster:NodePlacement=Local), so
        // the hot nodes seeded through silo2 live there; the writer role's key grain (resource-optimized placement,
        // preferring the calling silo when loads are close) usually does too, with its rotation reminder. Its
        // death moves grains that the load through silo1 keeps using.
        for (var i = 0; i < HotNodes; i++)
        {
            var seeded = await load.WriteOnceAsync(silo2, writer: -1, operation: i, WriteLoad.HotPath(i), ct);
            Assert.True(seeded.Acknowledged, $"seeding {seeded.Path} through silo2: {seeded}\n{cluster.Diagnostics()}");
        }

        var rotated = await silo2.RotateAsync(cluster.RootToken, TestCluster.WriterRole, ct);
        Assert.True(rotated.Status == HttpStatusCode.OK, $"rotate {TestCluster.WriterRole}: {rotated}");
        var rotatedVersion = rotated.Body!["version"]!.GetValue<int>();

        using var stopWriting = new CancellationTokenSource();
        var writing = load.RunAsync(maxOperationsPerWriter: 2_000, stopWriting.Token, ct);
        DateTimeOffset killedAt;
        TimeSpan declaredDeadAfter;
        try
        {
            await Deadline.WaitUntilAsync(() => load.AcknowledgedCount >= AcknowledgedBeforeKill || writing.IsCompleted,
                TimeSpan.FromSeconds(60), () => $"{load.AcknowledgedCount} writes acknowledged before the kill", ct);
            Assert.False(writing.IsCompleted, "the writers stopped before the kill: " + string.Join('\n', load.Outcomes.Where(o => !o.Acknowledged).Take(10)));

            phases.Mark($"{load.AcknowledgedCount} writes acknowledged; killing silo2");
            killedAt = silo2.Silo.Kill();
            var acknowledgedAtKill = load.AcknowledgedCount;
            await silo2.Silo.WaitForExitAsync(TimeSpan.FromSeconds(10));

            // Membership: the PostgreSQL table marks the killed incarnation Dead.
            await Deadline.WaitUntilAsync(
                async c => await database.SiloStatusAsync(silo2.Silo.SiloPort, c) == SiloStatusDead,
                TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100),
                () => "orleans_cluster_member never marked silo2 dead\n" + cluster.Diagnostics(), ct);
            declaredDeadAfter = DateTimeOffset.UtcNow - killedAt;

            // Writes continue through and well past the failover.
            await Deadline.WaitUntilAsync(
                () => writing.IsCompleted || (load.AcknowledgedCount >= acknowledgedAtKill + AcknowledgedAfterKill && DateTimeOffset.UtcNow - killedAt >= TimeSpan.FromSeconds(6)),
                TimeSpan.FromSeconds(45), () => $"only {load.AcknowledgedCount - acknowledgedAtKill} writes acknowledged after the kill\n{cluster.Diagnostics()}", ct);
        }
        finally
        {
            await stopWriting.CancelAsync();
            await Deadline.WithinAsync(writing, TimeSpan.FromSeconds(60), "the writers");
        }

        phases.Mark("writers stopped");
        var outcomes = load.Outcomes;
        var byStatus = outcomes.GroupBy(o => o.Status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "transport error")
            .ToDictionary(g => g.Key, g => g.Count());
        var summary = string.Join(", ", byStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));
        output.WriteLine($"writes: {outcomes.Count} ({summary}); after the kill: {outcomes.Count(o => o.SentAt >= killedAt)}");

        // No 500 — nor any other failure: the retry budget (15 s) outlasts the failover, so no 503 either.
        Assert.True(outcomes.All(o => o.Status != HttpStatusCode.InternalServerError),
            "answered 500: " + string.Join('\n', outcomes.Where(o => o.Status == HttpStatusCode.InternalServerError).Take(3).Select(o => $"{o}\n{cluster.LogOf(o)}")));
        Assert.True(outcomes.All(o => o.Acknowledged),
            $"unacknowledged writes ({summary}): " + string.Join('\n', outcomes.Where(o => !o.Acknowledged).Take(10)) + "\n" + silo1.Silo.RecentOutput());
        Assert.True(outcomes.Count >= 200, $"only {outcomes.Count} writes");

        // The kill was felt: silo1's front door retried calls to grains that lived on silo2, and never gave up.
        var frontDoor = FrontDoorLog.Of(silo1.Silo, killedAt);
        Assert.Empty(frontDoor.GaveUp);
        Assert.True(frontDoor.Retries.Count > 0, "silo1 retried nothing after the kill: silo2 hosted no grain the load used?\n" + silo1.Silo.RecentOutput());
        var retriedTraces = frontDoor.Retries.Select(r => r.TraceId).ToHashSet(StringComparer.Ordinal);
        var movedGrainWrites = outcomes.Where(o => o.TraceId is not null && retriedTraces.Contains(o.TraceId)).ToList();
        Assert.NotEmpty(movedGrainWrites);
        var firstThroughSurvivor = movedGrainWrites.Min(o => o.AnsweredAt) - killedAt;
        var lastThroughSurvivor = movedGrainWrites.Max(o => o.AnsweredAt) - killedAt;
        output.WriteLine(
            $"failover: silo2 marked dead in the membership table {declaredDeadAfter.TotalSeconds:0.00} s after SIGKILL; " +
            $"{frontDoor.Retries.Count} retries by silo1's front door for {movedGrainWrites.Count} writes; first of them acknowledged " +
            $"{firstThroughSurvivor.TotalSeconds:0.00} s after the kill, last {lastThroughSurvivor.TotalSeconds:0.00} s");
        Assert.True(declaredDeadAfter <= TimeSpan.FromSeconds(15));

        // Everything acknowledged — before, during and after the kill — reads back through both survivors.
        foreach (var survivor in (ApiClient[])[silo1, silo3])
        {
            var readBack = await load.VerifyAsync(survivor, ct);
            output.WriteLine(readBack.ToString());
            Assert.True(readBack.Problems.Count == 0, readBack.ToString());
        }

        phases.Mark("read back through silo1 and silo3");

        // The rotated role key survived its silo: its grain answers from a survivor, and its reminder row is in PostgreSQL.
        var keys = await silo3.RoleKeysAsync(cluster.RootToken, TestCluster.WriterRole, ct);
        var active = keys["versions"]!.AsArray().Where(v => v!["status"]!.GetValue<string>() == "active").Select(v => v!["version"]!.GetValue<int>()).ToList();
        Assert.Equal([rotatedVersion], active);
        var reminders = await database.ReminderGrainIdsAsync("key-rotation", ct);
        Assert.Contains(reminders, id => id.EndsWith("/" + TestCluster.WriterRole, StringComparison.Ordinal));
    }
}
