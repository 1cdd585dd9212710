using System.Net;
using System.Text.Json.Nodes;
using Slurp.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Cascade;

/// <summary>
/// Every silo keeps the ancestor versions it resolved through for a second (docs/storage.md "The ancestor cache").
/// A folder change acknowledged by one silo's front door is what every other silo resolves through at once: the
/// folder's node calls each silo's cache back before it acknowledges, across processes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloAncestorCacheTests(ITestOutputHelper output)
{
    private const int Rounds = 6;

    [Fact(Timeout = 120_000)]
    public async Task A_folder_change_through_one_silo_is_resolved_at_once_through_every_other()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(110));
        var ct = overall.Token;
        var phases = new PhaseClock(output);
        await using var running = await RunningCluster.StartAsync(TestPostgres.ServerConnectionString, 3, [], ct);
        var cluster = running.Cluster;
        phases.Mark("3 silos up, unsealed");

        var project = "cache" + Guid.NewGuid().ToString("N")[..8];
        var folder = ApiClient.Address(project, "/src");
        var file = ApiClient.Address(project, "/src/a.cs");
        Assert.True((await cluster.Clients[0].PutAsync(cluster.AgentToken, folder, "folder 0", ct)).IsSuccess);
        var fileBody = new JsonObject { ["context_data"] = new JsonObject { ["tags"] = new JsonArray("own") }, ["change_reason"] = "code_change" };
        Assert.True((await cluster.Clients[0].SendAsync(HttpMethod.Put, "v1/context?address=" + Uri.EscapeDataString(file), cluster.AgentToken, fileBody, ct)).IsSuccess);

        for (var round = 0; round < Rounds; round++)
        {
            // Every silo resolves the file now, so each holds the folder's current version ...
            foreach (var client in cluster.Clients)
            {
                Assert.Equal($"folder {round}", await ResolvedSummaryAsync(client, cluster.AgentToken, file, ct));
            }

            // ... and the change goes through a different silo each round.
            var writer = cluster.Clients[round % cluster.Clients.Count];
            Assert.True((await writer.PutAsync(cluster.AgentToken, folder, $"folder {round + 1}", ct)).IsSuccess);
            foreach (var client in cluster.Clients)
            {
                Assert.Equal($"folder {round + 1}", await ResolvedSummaryAsync(client, cluster.AgentToken, file, ct));
            }
        }

        phases.Mark($"{Rounds} folder changes, each resolved at once through all 3 silos");
    }

    private static async Task<string?> ResolvedSummaryAsync(ApiClient client, string token, string address, CancellationToken ct)
    {
        var answer = await client.SendAsync(HttpMethod.Get, "v1/context?address=" + Uri.EscapeDataString(address), token, null, ct);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Body!["context_data"]!["summary"]?.GetValue<string>();
    }
}
