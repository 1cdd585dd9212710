using System.Diagnostics;

namespace Slurp.Postgres.Tests.Cluster;

/// <summary>The ADO.NET reminder service on PostgreSQL.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ReminderTests(PostgresClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AReminderIsStoredFiresAndIsGoneOnceUnregistered()
    {
        var key = $"probe/remind-{Guid.NewGuid():N}";
        var grain = fixture.Client.GetGrain<IProbeGrain>(key);

        await grain.StartTickingAsync(TimeSpan.FromMilliseconds(500));
        var storedPeriod = await fixture.Database.ScalarAsync<long>(
            "SELECT period_ms FROM orleans_reminder WHERE service_id = @service AND grain_id LIKE @grain AND reminder_name = @name",
            ("service", fixture.ServiceId), ("grain", $"%/{key}"), ("name", ProbeGrain.ReminderName));
        var ticks = await WaitForTicksAsync(grain, atLeast: 2);
        await grain.StopTickingAsync();
        var remaining = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_reminder WHERE service_id = @service AND grain_id LIKE @grain",
            ("service", fixture.ServiceId), ("grain", $"%/{key}"));

        Assert.Equal(500, storedPeriod);
        Assert.True(ticks >= 2);
        Assert.False(await grain.IsTickingAsync());
        Assert.Equal(0, remaining);
    }

    private static async Task<int> WaitForTicksAsync(IProbeGrain grain, int atLeast)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            var ticks = await grain.GetTicksAsync();
            if (ticks >= atLeast)
            {
                return ticks;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.Fail($"the reminder did not tick {atLeast} times within {Deadline.TotalSeconds} s");
        return 0;
    }
}
