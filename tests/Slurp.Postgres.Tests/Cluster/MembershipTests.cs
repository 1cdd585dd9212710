using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;

namespace Slurp.Postgres.Tests.Cluster;

/// <summary>ADO.NET clustering on PostgreSQL: the membership table and the gateway list.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class MembershipTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task BothSilosHaveActiveRowsUnderTheRunsClusterId()
    {
        var active = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_cluster_member WHERE deployment_id = @cluster AND status = 3",
            ("cluster", fixture.ClusterId));
        var version = await fixture.Database.ScalarAsync<int>(
            "SELECT version FROM orleans_cluster_version WHERE deployment_id = @cluster", ("cluster", fixture.ClusterId));

        Assert.Equal(2, active);
        Assert.True(version >= 2, $"two silos joined, but the table version is {version}");
    }

    [Fact]
    public async Task TheClientFindsBothGatewaysThroughTheTable()
    {
        var gateways = await fixture.Client.ServiceProvider.GetRequiredService<IGatewayListProvider>().GetGateways();

        // The table gives each gateway its silo's generation; the silo handles report 0.
        var expected = fixture.Cluster.Silos.Select(s =>
            SiloAddress.New(s.GatewayAddress.Endpoint.Address, s.GatewayAddress.Endpoint.Port, s.SiloAddress.Generation).ToGatewayUri().ToString());
        Assert.Equal(expected.Order(StringComparer.Ordinal), gateways.Select(g => g.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ADeadSilosRowIsCleanedUpOnceItIsDefunct()
    {
        var table = fixture.SiloService<IMembershipTable>();
        var longAgo = DateTime.UtcNow.AddHours(-2);
        var ghost = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 1, 7),
            SiloName = "ghost",
            HostName = "ghost-host",
            Status = SiloStatus.Dead,
            ProxyPort = 0,
            StartTime = longAgo,
            IAmAliveTime = longAgo,
        };
        await InsertAsync(table, ghost);

        await table.CleanupDefunctSiloEntriesAsync(longAgo.AddMinutes(-1), CancellationToken.None);
        var keptWhileRecent = await table.ReadRowAsync(ghost.SiloAddress, CancellationToken.None);
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        var afterCleanup = await table.ReadRowAsync(ghost.SiloAddress, CancellationToken.None);
        var everyone = await table.ReadAllAsync(CancellationToken.None);

        Assert.Single(keptWhileRecent.Members);
        Assert.Empty(afterCleanup.Members);
        Assert.Equal(2, everyone.Members.Count(m => m.Item1.Status == SiloStatus.Active));
    }

    // The live silos move the table version too (suspicions, status changes): retry on a lost race.
    private static async Task InsertAsync(IMembershipTable table, MembershipEntry entry)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var snapshot = await table.ReadAllAsync(CancellationToken.None);
            if (await table.InsertRowAsync(entry, snapshot.Version.Next(), CancellationToken.None))
            {
                return;
            }
        }

        Assert.Fail("the membership table version kept moving; the ghost row was never inserted");
    }
}
