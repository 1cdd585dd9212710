using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Slurp.Postgres.Tests.Cluster;

/// <summary>ADO.NET grain storage on PostgreSQL, through a grain and through the provider itself.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PersistenceTests(PostgresClusterFixture fixture)
{
    private const string StateName = ProbeGrain.StateName;

    private IGrainStorage Storage =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(PostgresClusterFixture.ContextStorage);

    [Fact]
    public async Task StateWrittenByAGrainIsReadBackAfterItDeactivates()
    {
        var key = $"probe/persist-{Guid.NewGuid():N}";
        var grain = fixture.Client.GetGrain<IProbeGrain>(key);

        await grain.SetAsync("hello");
        await grain.DeactivateAsync();
        var state = await grain.GetAsync();
        var stored = await fixture.Database.ScalarAsync<string>(
            "SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state " +
            "WHERE service_id = @service AND grain_type = @state AND grain_id_ext = @key AND version = 1",
            ("service", fixture.ServiceId), ("state", StateName), ("key", key));

        Assert.Equal(new ProbeState { Value = "hello", Writes = 1 }, state);
        Assert.Contains("hello", stored);
    }

    [Fact]
    public async Task AGrainWritingOverAnotherActivationsWriteGetsInconsistentStateException()
    {
        var key = $"probe/stale-{Guid.NewGuid():N}";
        var grain = fixture.Client.GetGrain<IProbeGrain>(key);
        await grain.SetAsync("first");

        // What a second activation's write does to the row: the ETag this activation holds is now stale.
        var moved = await fixture.Database.ExecuteAsync(
            "UPDATE orleans_grain_state SET version = version + 1 WHERE service_id = @service AND grain_type = @state AND grain_id_ext = @key",
            ("service", fixture.ServiceId), ("state", StateName), ("key", key));

        Assert.Equal(1, moved);
        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAsync("second"));
    }

    [Fact]
    public async Task OnlyOneOfTwoWritersThatNeverSawTheRowCreatesIt()
    {
        var grainId = GrainId.Create("probe", $"probe/race-{Guid.NewGuid():N}");
        var first = new GrainState<ProbeState>(new ProbeState { Value = "first" });
        var second = new GrainState<ProbeState>(new ProbeState { Value = "second" });

        await Storage.WriteStateAsync(StateName, grainId, first);

        Assert.Equal("1", first.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, second));
    }

    [Fact]
    public async Task AWriteWithAnOldETagIsRefusedAndTheNewerStateKept()
    {
        var grainId = GrainId.Create("probe", $"probe/etag-{Guid.NewGuid():N}");
        var current = new GrainState<ProbeState>(new ProbeState { Value = "v1" });
        await Storage.WriteStateAsync(StateName, grainId, current);
        var stale = new GrainState<ProbeState>(new ProbeState { Value = "stale" }, current.ETag);
        current.State = new ProbeState { Value = "v2" };
        await Storage.WriteStateAsync(StateName, grainId, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grainId, read);

        Assert.Equal("2", read.ETag);
        Assert.Equal("v2", read.State!.Value);
    }

    [Fact]
    public async Task ClearingKeepsTheRowSoItsETagStillFencesWriters()
    {
        var grainId = GrainId.Create("probe", $"probe/clear-{Guid.NewGuid():N}");
        var state = new GrainState<ProbeState>(new ProbeState { Value = "v1" });
        await Storage.WriteStateAsync(StateName, grainId, state);
        var staleCopy = new GrainState<ProbeState>(new ProbeState { Value = "stale" }, state.ETag);

        await Storage.ClearStateAsync(StateName, grainId, state);
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grainId, read);

        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal("", read.State!.Value);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, staleCopy));
        read.State = new ProbeState { Value = "after clear" };
        await Storage.WriteStateAsync(StateName, grainId, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task StringKeysThatParseAsHexShareARowSoOurKeysCarryAPrefix()
    {
        // dotnet/orleans#9706: "e1" and "00E1" both parse as the integer 0xE1 and land on one row.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var bare = new GrainState<ProbeState>(new ProbeState { Value = "bare" });
        await Storage.WriteStateAsync(StateName, GrainId.Create("probe", $"e1{suffix}"), bare);
        var prefixed = new GrainState<ProbeState>(new ProbeState { Value = "prefixed" });
        await Storage.WriteStateAsync(StateName, GrainId.Create("probe", $"probe/e1{suffix}"), prefixed);

        var bareTwin = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, GrainId.Create("probe", $"00E1{suffix.ToUpperInvariant()}"), bareTwin);
        var prefixedTwin = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, GrainId.Create("probe", $"probe/00E1{suffix.ToUpperInvariant()}"), prefixedTwin);

        Assert.True(bareTwin.RecordExists);
        Assert.Equal("bare", bareTwin.State!.Value);
        Assert.False(prefixedTwin.RecordExists);
    }
}
