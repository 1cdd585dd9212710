using System.Diagnostics;
using System.Net;
using Slurp.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Slurp.Cluster.Tests.Access;

/// <summary>
/// Each silo keeps a short-lived copy of the agents it authenticated (AccessCache, Slurp:Auth:CacheMilliseconds).
/// A token revoked through one silo is refused there at once, and by another silo that had just accepted it within
/// the copy's lifetime — the bound docs/security.md promises.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloRevocationTests(ITestOutputHelper output)
{
    private const int CacheMilliseconds = 1500;

    // Scheduling slack on a loaded 2-core machine, on top of the lifetime.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact(Timeout = 120_000)]
    public async Task A_token_revoked_through_one_silo_is_refused_by_another_within_the_cache_lifetime()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(110));
        var ct = overall.Token;
        var phases = new PhaseClock(output);
        await using var running = await RunningCluster.StartAsync(TestPostgres.ServerConnectionString, 2, [$"--Slurp:Auth:CacheMilliseconds={CacheMilliseconds}"], ct);
        var cluster = running.Cluster;
        var (silo1, silo2) = (cluster.Clients[0], cluster.Clients[1]);
        phases.Mark("2 silos up, unsealed");

        var token = await silo1.CreateAgentAsync(cluster.RootToken, "revoked-agent", [TestCluster.WriterRole], ct);
        // Both silos accept it, and silo2 now holds a copy.
        Assert.Equal(HttpStatusCode.OK, (await silo2.SendAsync(HttpMethod.Get, "v1/roles", token, null, ct)).Status);
        Assert.Equal(HttpStatusCode.OK, (await silo1.SendAsync(HttpMethod.Get, "v1/roles", token, null, ct)).Status);

        var revoked = await silo1.SendAsync(HttpMethod.Delete, "v1/agents/revoked-agent", cluster.RootToken, null, ct);
        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo1.SendAsync(HttpMethod.Get, "v1/roles", token, null, ct)).Status);

        var bound = TimeSpan.FromMilliseconds(CacheMilliseconds) + Slack;
        ApiAnswer answer;
        do
        {
            answer = await silo2.SendAsync(HttpMethod.Get, "v1/roles", token, null, ct);
            if (answer.Status == HttpStatusCode.Unauthorized)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            await Task.Delay(50, ct);
        }
        while (clock.Elapsed < bound);

        phases.Mark($"silo2 refused the revoked token after {clock.ElapsedMilliseconds} ms");
        Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"silo2 still accepted the token {clock.Elapsed} after its revocation through silo1");
    }
}
