using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Slurp.Abstractions.Context;
using Slurp.Grains.Context;
using Slurp.Grains.Storage;
using Slurp.Grains.Tests.Context;

namespace Slurp.Grains.Tests.Storage;

/// <summary><see cref="StateStoreGrainStorage"/> on SQLite without a silo: the Orleans serializer over a store on a temp file.</summary>
public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "node";

    private static readonly GrainId Grain = GrainId.Create("contextnode", "node/p/t/src/x");

    private readonly TempDatabase _database = new();
    private readonly ServiceProvider _services =
        new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(ContextNodeState).Assembly)).BuildServiceProvider();
    private SqliteStateStore _store = null!;
    private StateStoreGrainStorage _storage = null!;

    public Task InitializeAsync()
    {
        Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _services.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ReadOfStateNeverWrittenGivesAnEmptyStateWithoutETag()
    {
        var state = new GrainState<ContextNodeState>();

        await _storage.ReadStateAsync(StateName, Grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State!.Versions);
    }

    [Fact]
    public async Task FirstWriteSetsTheETagToTheRowVersion()
    {
        var state = new GrainState<ContextNodeState>(NodeState("h1"));

        await _storage.WriteStateAsync(StateName, Grain, state);

        Assert.True(state.RecordExists);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task WrittenStateReadsBackThroughAReopenedStore()
    {
        await _storage.WriteStateAsync(StateName, Grain, new GrainState<ContextNodeState>(NodeState("h1")));

        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Open();
        var read = new GrainState<ContextNodeState>();
        await _storage.ReadStateAsync(StateName, Grain, read);

        Assert.Equal("1", read.ETag);
        var version = Assert.Single(read.State!.Versions);
        Assert.Equal("h1", version.ContentHash);
        Assert.Equal("summary h1", Assert.Single(version.Layers).Content!.Summary);
        Assert.Equal(1, read.State.BranchHeads["main"]);
        Assert.Equal(["y"], read.State.Children);
    }

    [Fact]
    public async Task WriteWithAStaleETagThrowsInconsistentStateException()
    {
        var (first, second) = await TwoReadersOfOneRowAsync();
        await _storage.WriteStateAsync(StateName, Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Grain, second));
    }

    [Fact]
    public async Task WriteWithAStaleETagLeavesTheNewerStateInPlace()
    {
        var (first, second) = await TwoReadersOfOneRowAsync();
        first.State!.Children.Add("from-first");
        second.State!.Children.Add("from-second");
        await _storage.WriteStateAsync(StateName, Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Grain, second));

        var read = new GrainState<ContextNodeState>();
        await _storage.ReadStateAsync(StateName, Grain, read);
        Assert.Equal("2", read.ETag);
        Assert.Equal(["y", "from-first"], read.State!.Children);
    }

    [Fact]
    public async Task InsertOverAnExistingRowThrowsInconsistentStateException()
    {
        await _storage.WriteStateAsync(StateName, Grain, new GrainState<ContextNodeState>(NodeState("h1")));

        var unaware = new GrainState<ContextNodeState>(NodeState("h2"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Grain, unaware));
    }

    [Fact]
    public async Task ClearRemovesTheStateAndResetsTheETag()
    {
        var state = new GrainState<ContextNodeState>(NodeState("h1"));
        await _storage.WriteStateAsync(StateName, Grain, state);

        await _storage.ClearStateAsync(StateName, Grain, state);

        var read = new GrainState<ContextNodeState>();
        await _storage.ReadStateAsync(StateName, Grain, read);
        Assert.Null(state.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task ClearWithAStaleETagThrowsInconsistentStateException()
    {
        var (first, second) = await TwoReadersOfOneRowAsync();
        await _storage.WriteStateAsync(StateName, Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, Grain, second));
    }

    [Fact]
    public async Task StoragesWithOtherNamesKeepSeparateRowsInOneFile()
    {
        var access = new StateStoreGrainStorage(StorageNames.Access, _store, _services.GetRequiredService<Serializer>());
        await _storage.WriteStateAsync(StateName, Grain, new GrainState<ContextNodeState>(NodeState("h1")));

        var read = new GrainState<ContextNodeState>();
        await access.ReadStateAsync(StateName, Grain, read);

        Assert.False(read.RecordExists);
    }

    private async Task<(GrainState<ContextNodeState> First, GrainState<ContextNodeState> Second)> TwoReadersOfOneRowAsync()
    {
        await _storage.WriteStateAsync(StateName, Grain, new GrainState<ContextNodeState>(NodeState("h1")));
        var first = new GrainState<ContextNodeState>();
        var second = new GrainState<ContextNodeState>();
        await _storage.ReadStateAsync(StateName, Grain, first);
        await _storage.ReadStateAsync(StateName, Grain, second);
        return (first, second);
    }

    private void Open()
    {
        _store = new SqliteStateStore(
            Options.Create(new SqliteStorageOptions { DatabasePath = _database.DatabasePath }), NullLogger<SqliteStateStore>.Instance);
        _storage = new StateStoreGrainStorage(StorageNames.Context, _store, _services.GetRequiredService<Serializer>());
    }

    private static ContextNodeState NodeState(string contentHash)
    {
        var content = TestNodes.Content(contentHash);
        return new()
        {
            Versions =
            [
                new StoredVersion
                {
                    Version = 1,
                    Branch = "main",
                    CreatedAt = ClusterFixture.Start,
                    CreatedBy = TestNodes.Writer,
                    ChangeReason = "initial_creation",
                    ContentHash = contentHash,
                    Classification = content.Classification,
                    Readers = content.Readers,
                    Layers = content.Layers,
                },
            ],
            BranchHeads = new() { ["main"] = 1 },
            Children = ["y"],
        };
    }
}
