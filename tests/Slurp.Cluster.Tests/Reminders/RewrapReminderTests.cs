using System.Net;
using System.Text.Json.Nodes;
using Slurp.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Reminders;

/// <summary>
/// Role-key rotation on the PostgreSQL profile: the background re-wrap after an on-demand rotation finishes even
/// when the silo that took the rotation — and ran the pass — dies right after. The pass itself lives only in that
/// silo's memory (a grain timer); what brings it back is the role key's rotation reminder, stored in PostgreSQL and
/// fired by the surviving silo's reminder service, which restarts the pass while a decrypt-only version remains.
/// </summary>
/// <remarks>
/// To make "the silo that ran the pass dies" certain rather than a matter of placement, the rotation happens while
/// silo1 is the only silo (so the key grain and the re-wrap grain live there), with a re-wrap grace of 10 minutes
/// (so silo1 cannot finish the pass itself); silo2 then joins, unsealing itself from share files
/// (<c>Slurp:Seal:UnsealKeyFiles</c>), and silo1 is killed. Only the reminder path (which starts the pass without
/// the grace) can finish the pass within the 60 s bound.
/// </remarks>
[Collection(ClusterCollection.Name)]
public sealed class RewrapReminderTests(ITestOutputHelper output)
{
    private const string Project = "rewrap";
    private const string Role = TestCluster.WriterRole;
    private static readonly TimeSpan CompletionBound = TimeSpan.FromSeconds(60);
    private static readonly string[] LongGrace = ["--Slurp:Keys:RewrapGrace=00:10:00"];

    [Fact(Timeout = 170_000)]
    public async Task The_rewrap_after_a_rotation_completes_on_a_survivor_when_its_silo_is_killed_right_after()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(160));
        var ct = overall.Token;
        var phases = new PhaseClock(output);
        await using var running = await RunningCluster.StartAsync(TestPostgres.ServerConnectionString, 1, [.. TestCluster.ReminderArguments, .. LongGrace], ct);
        var cluster = running.Cluster;
        var silo1 = cluster.Clients[0];
        phases.Mark("silo1 up, unsealed");

        // Content under the role's key version 1: new nodes, and a few nodes with several versions.
        var load = new WriteLoad(Project, cluster.AgentToken, [silo1], writers: 1, hotNodes: 2, pause: TimeSpan.Zero);
        for (var i = 0; i < 24; i++)
        {
            var written = await load.WriteOnceAsync(silo1, writer: 0, operation: i, i % 4 == 3 ? WriteLoad.HotPath(i % 2) : $"/src/r/n{i}", ct);
            Assert.True(written.Acknowledged, written.ToString());
        }

        var distinctNodes = load.Outcomes.Select(o => o.Path).Distinct(StringComparer.Ordinal).Count();
        var rotated = await silo1.RotateAsync(cluster.RootToken, Role, ct);
        Assert.True(rotated.Status == HttpStatusCode.OK, $"rotate: {rotated}");
        Assert.Equal(2, rotated.Body!["version"]!.GetValue<int>());
        phases.Mark("rotated to version 2 through silo1");

        // silo2 joins and unseals itself from share files (any 3 of the 5).
        var shareFiles = new List<string>();
        Directory.CreateDirectory(cluster.DataDirOf(2));
        for (var i = 0; i < 3; i++)
        {
            var file = Path.Combine(cluster.DataDirOf(2), $"unseal-{i}.key");
            await File.WriteAllTextAsync(file, cluster.Shares[i + 2], ct);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite); // as a mounted secret would be
            }
            shareFiles.Add(file);
        }

        var silo2 = await cluster.AddSiloAsync(
            [.. TestCluster.ReminderArguments, .. LongGrace, .. shareFiles.Select((f, i) => $"--Slurp:Seal:UnsealKeyFiles:{i}={f}")], ct);
        await silo2.Silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);
        phases.Mark("silo2 joined, unsealed from share files");

        // The pass has not run: version 1 still decrypts and nothing is retired.
        var before = await silo2.RoleKeysAsync(cluster.RootToken, Role, ct);
        Assert.Equal(["1:decrypt_only", "2:active"], Versions(before));
        Assert.Null(before["rewrap"]!["completed_at"]?.GetValue<DateTimeOffset>());

        var killedAt = silo1.Silo.Kill();
        await silo1.Silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        phases.Mark("silo1 killed");

        // The survivor finishes the pass by itself: its log says so (nothing the test does touches the key grains
        // meanwhile, so it was the reminder that re-activated the role key grain and restarted the pass).
        var passLine = $"Re-wrap of role {Role} to key version 2";
        await Deadline.WaitUntilAsync(
            _ => Task.FromResult(silo2.Silo.Lines().Any(l => l.Text.Contains(passLine, StringComparison.Ordinal))),
            CompletionBound, TimeSpan.FromMilliseconds(200), () => "silo2 never finished the re-wrap\n" + silo2.Silo.RecentOutput(), ct);
        var completedAfter = silo2.Silo.Lines().First(l => l.Text.Contains(passLine, StringComparison.Ordinal)).ReceivedAt - killedAt;
        phases.Mark($"re-wrap finished on silo2, {completedAfter.TotalSeconds:0.0} s after the kill");

        // GET /v1/keys: completed_at set, every node visited, the old version retired (its material destroyed).
        var after = await silo2.RoleKeysAsync(cluster.RootToken, Role, ct);
        output.WriteLine("after: " + after.ToJsonString());
        var rewrap = after["rewrap"]!;
        Assert.NotNull(rewrap["completed_at"]?.GetValue<DateTimeOffset>());
        Assert.Equal(2, rewrap["target_version"]!.GetValue<int>());
        Assert.True(rewrap["nodes_visited"]!.GetValue<int>() >= distinctNodes, rewrap.ToJsonString());
        // Every version written has its own data key wrapped for the role: all of them moved to version 2.
        Assert.True(rewrap["keys_rewrapped"]!.GetValue<int>() >= load.AcknowledgedCount, rewrap.ToJsonString());
        Assert.Equal(["1:retired", "2:active"], Versions(after));

        // Version 1 is gone, so everything reading back proves every data key was re-wrapped to version 2.
        var readBack = await load.VerifyAsync(silo2, ct);
        output.WriteLine(readBack.ToString());
        Assert.True(readBack.Problems.Count == 0, readBack.ToString());
    }

    private static string[] Versions(JsonObject roleKeys) =>
        [.. roleKeys["versions"]!.AsArray().Select(v => $"{v!["version"]!.GetValue<int>()}:{v["status"]!.GetValue<string>()}").Order(StringComparer.Ordinal)];
}
