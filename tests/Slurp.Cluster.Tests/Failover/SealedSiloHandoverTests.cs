using System.Net;
using Slurp.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Failover;

/// <summary>
/// Sealing one silo (an operator's answer to a host they no longer trust) leaves the rest of the cluster serving
/// every node: the nodes that were active on the sealed silo move to the silo whose front door asks for them
/// (SealedSiloHandover, TransientFailureRetry), where the key is held. Before, each of them answered 503 through
/// every front door until the sealed silo was unsealed again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SealedSiloHandoverTests(ITestOutputHelper output)
{
    private const int Nodes = 8;

    [Fact(Timeout = 180_000)]
    public async Task Nodes_active_on_a_sealed_silo_are_read_and_written_through_another_silo()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(170));
        var ct = overall.Token;
        var phases = new PhaseClock(output);
        await using var running = await RunningCluster.StartAsync(TestPostgres.ServerConnectionString, 2, [], ct);
        var cluster = running.Cluster;
        var (silo1, silo2) = (cluster.Clients[0], cluster.Clients[1]);
        var project = "handover" + Guid.NewGuid().ToString("N")[..8];
        var addresses = Enumerable.Range(0, Nodes).Select(i => ApiClient.Address(project, $"/src/n{i}.cs")).ToArray();
        // Written through silo1's front door: the nodes are activated on silo1 (prefer-local placement).
        foreach (var address in addresses)
        {
            var written = await silo1.PutAsync(cluster.AgentToken, address, "before the seal", ct);
            Assert.True(written.IsSuccess, written.ToString());
        }

        phases.Mark($"{Nodes} nodes written through silo1");

        var sealedAnswer = await silo1.SendAsync(HttpMethod.Post, "v1/sys/seal", cluster.RootToken, null, ct);
        Assert.Equal(HttpStatusCode.OK, sealedAnswer.Status);
        phases.Mark("silo1 sealed");

        foreach (var address in addresses)
        {
            var read = await silo2.GetAsync(cluster.AgentToken, address, ct);
            Assert.True(read.Status == HttpStatusCode.OK, $"{address} through silo2: {read}\n{cluster.Diagnostics()}");
            Assert.Equal("before the seal", read.Body!["context_data"]!["summary"]!.GetValue<string>());
            var written = await silo2.PutAsync(cluster.AgentToken, address, "after the seal", ct);
            Assert.True(written.IsSuccess, $"{address} through silo2: {written}");
        }

        phases.Mark("every node read and written through silo2");
        var refused = await silo1.GetAsync(cluster.AgentToken, addresses[0], ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);

        // Unsealed again, silo1 serves the nodes, now active on silo2, with what silo2 wrote.
        await silo1.UnsealAsync(cluster.Shares.Take(3), ct);
        foreach (var address in addresses)
        {
            var read = await silo1.GetAsync(cluster.AgentToken, address, ct);
            Assert.True(read.Status == HttpStatusCode.OK, $"{address} through silo1 after unsealing: {read}");
            Assert.Equal("after the seal", read.Body!["context_data"]!["summary"]!.GetValue<string>());
        }

        phases.Mark("silo1 unsealed: every node read back through it");
    }
}
