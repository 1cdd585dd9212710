using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Slurp.Abstractions.Context;
using Slurp.Grains.Context;
using Slurp.Grains.Storage;
using Slurp.Grains.Tests.Context;

namespace Slurp.Grains.Tests.Storage;

/// <summary>Context nodes on a silo configured with <c>AddSqliteGrainStorage</c>.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class SqliteBackedNodeTests(SqliteClusterFixture fixture)
{
    private readonly IContextNodeGrain _node = TestNodes.Fresh(fixture.Client);

    [Fact]
    public async Task NodeVersionsAreReadBackFromSqliteAfterDeactivation()
    {
        await _node.WriteAsync(TestNodes.Write("h1"));
        await _node.WriteAsync(TestNodes.Write("h2"));

        await fixture.Cluster.DeactivateAsync(_node);
        var history = await _node.GetHistoryAsync("main");

        Assert.Equal(
            [$"2:{TestSeal.StoredHashOf("h2")}", $"1:{TestSeal.StoredHashOf("h1")}"],
            history.Select(v => $"{v.Version}:{v.ContentHash}"));
    }

    [Fact]
    public async Task NodeContentIsDecryptedFromSqliteAfterDeactivation()
    {
        await _node.WriteAsync(TestNodes.Write("h1"));

        await fixture.Cluster.DeactivateAsync(_node);
        var content = await TestNodes.ReadContentAsync(_node, TemporalRequest.Latest);

        Assert.Equal("summary h1", content.Summary);
    }

    [Fact]
    public async Task AcknowledgedNodeWriteIsARowOfTheDatabase()
    {
        await _node.WriteAsync(TestNodes.Write("h1"));
        await _node.WriteAsync(TestNodes.Write("h2"));

        var row = await fixture.SiloServices.GetRequiredService<SqliteStateStore>()
            .ReadAsync(StorageNames.Context + "/node", _node.GetGrainId().ToString(), CancellationToken.None);

        Assert.Equal(2, row!.Value.Version);
    }

    [Fact]
    public async Task SiloStorageRefusesAWriteWithAStaleETag()
    {
        await _node.WriteAsync(TestNodes.Write("h1"));
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Context);
        var stale = new GrainState<ContextNodeState>();
        await storage.ReadStateAsync("node", _node.GetGrainId(), stale);

        await _node.WriteAsync(TestNodes.Write("h2"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("node", _node.GetGrainId(), stale));
    }

    [Fact]
    public async Task WriteOfAnActivationWhoseStateIsStaleFails()
    {
        await _node.WriteAsync(TestNodes.Write("h1"));
        await ChangeStoredStateBehindTheActivationAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(() => _node.WriteAsync(TestNodes.Write("h2")));
    }

    [Fact]
    public async Task AfterAStaleWriteFailsTheNodeContinuesFromTheStoredState()
    {
        await _node.WriteAsync(TestNodes.Write("h1"));
        await ChangeStoredStateBehindTheActivationAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(() => _node.WriteAsync(TestNodes.Write("h2")));

        var retry = await _node.WriteAsync(TestNodes.Write("h2"));

        Assert.Equal(MutationStatus.Updated, retry.Status);
        Assert.Equal(2, retry.Version!.Version);
        Assert.Equal(["changed-elsewhere"], await _node.GetChildrenAsync());
    }

    [Fact]
    public async Task EveryStorageNameIsBackedBySqlite()
    {
        var storages = StorageNames.All.Select(name => fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(name));

        Assert.All(storages, storage => Assert.IsType<StateStoreGrainStorage>(storage));
    }

    // Plays the part of a second activation that wrote the node after this one read it.
    private async Task ChangeStoredStateBehindTheActivationAsync()
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Context);
        var state = new GrainState<ContextNodeState>();
        await storage.ReadStateAsync("node", _node.GetGrainId(), state);
        state.State!.Children.Add("changed-elsewhere");
        await storage.WriteStateAsync("node", _node.GetGrainId(), state);
    }
}
