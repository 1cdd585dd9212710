using System.Globalization;
using Slurp.Abstractions.Context;
using Slurp.Cluster.Tests.Infrastructure;
using Slurp.Domain.Addresses;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Placement;

/// <summary>
/// <c>Slurp:Cluster:NodePlacement=Local</c> (the default): a context node first asked for through a silo's front
/// door is activated on that silo, so an agent that keeps to one silo writes without a call between silos
/// (docs/storage.md "Where nodes live"). The parent folder a new node registers with follows the node.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodePlacementTests(ITestOutputHelper output)
{
    private const int NodesPerSilo = 4;

    [Fact(Timeout = 120_000)]
    public async Task A_node_lives_on_the_silo_whose_front_door_wrote_it_first()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(110));
        var ct = overall.Token;
        var phases = new PhaseClock(output);
        await using var running = await RunningCluster.StartAsync(TestPostgres.ServerConnectionString, 3, [], ct);
        var cluster = running.Cluster;
        await using var observer = await ConnectObserverAsync(running.Database.SiloConnectionString, ct);
        phases.Mark("3 silos up, unsealed; observer connected");

        var project = "placement" + Guid.NewGuid().ToString("N")[..8];
        var written = new List<(string Address, ApiClient Through)>();
        foreach (var (client, index) in cluster.Clients.Select((c, i) => (c, i)))
        {
            for (var n = 0; n < NodesPerSilo; n++)
            {
                // Each silo's nodes under a folder of their own, which the first of them creates through that silo.
                var address = ApiClient.Address(project, $"/src/silo{index + 1}/file{n}.cs");
                var answer = await client.PutAsync(cluster.AgentToken, address, $"written through silo {index + 1}", ct);
                Assert.True(answer.IsSuccess, $"PUT {address} through silo {index + 1}: {answer}");
                written.Add((address, client));
            }
        }

        phases.Mark($"{written.Count} nodes written, {NodesPerSilo} through each silo");
        // Each node and its parent folder, with the silo whose front door wrote under it first.
        var expected = new Dictionary<string, ApiClient>(StringComparer.Ordinal);
        foreach (var (address, through) in written)
        {
            var node = UcxlAddress.Parse(address).Node;
            expected.TryAdd(node.ToGrainKey(), through);
            expected.TryAdd(node.Parent!.Value.ToGrainKey(), through);
        }

        var misplaced = new List<string>();
        foreach (var (key, through) in expected)
        {
            var hostPort = await observer.HostingSiloPortAsync(observer.Client.GetGrain<IContextNodeGrain>(key));
            if (hostPort != through.Silo.SiloPort)
            {
                misplaced.Add($"{key}: on silo port {hostPort?.ToString(CultureInfo.InvariantCulture) ?? "none"}, written through {through.Silo.Name} (silo port {through.Silo.SiloPort})");
            }
        }

        Assert.True(misplaced.Count == 0, $"{misplaced.Count} of {expected.Count} nodes not on the silo whose front door wrote them:\n" + string.Join('\n', misplaced));
    }

    private static async Task<ClusterObserver> ConnectObserverAsync(string connectionString, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(30));
        return await ClusterObserver.ConnectAsync(connectionString, bounded.Token);
    }
}
