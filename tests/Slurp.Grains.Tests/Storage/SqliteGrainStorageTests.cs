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

    [Fact]
    public async Task EachVersionIsARowOfItsOwnAndAnAppendWritesOnlyTheNewOne()
    {
        var state = new GrainState<ContextNodeState>(NodeState("h1"));
        state.State!.Versions.Add(state.State!.Versions[0] with { Version = 2, ParentVersion = 1, ContentHash = "h2" });
        await _storage.WriteStateAsync(StateName, Grain, state);
        Assert.Equal([1L, 2L], await PartNumbersAsync());

        // After a write the state knows what is stored: appending version 3 serializes version 3 alone.
        state.State!.Versions.Add(state.State!.Versions[1] with { Version = 3, ParentVersion = 2, ContentHash = "h3" });
        var (header, parts) = NodeStateRows.Serialize(state.State, _services.GetRequiredService<Serializer>());
        Assert.Equal([3L], parts.Select(p => p.Number));
        Assert.Empty(_services.GetRequiredService<Serializer>().Deserialize<ContextNodeState>(header)!.Versions);

        await _storage.WriteStateAsync(StateName, Grain, state);
        var read = new GrainState<ContextNodeState>();
        await _storage.ReadStateAsync(StateName, Grain, read);
        Assert.Equal(["h1", "h2", "h3"], read.State!.Versions.Select(v => v.ContentHash));
        Assert.Equal([1L, 2L, 3L], await PartNumbersAsync());

        // A replaced version (as re-wrap and shred replace them) is written again; the others are not.
        read.State!.Versions[0] = read.State!.Versions[0] with { ContentHash = "h1-rewrapped" };
        Assert.Equal([1L], NodeStateRows.Serialize(read.State, _services.GetRequiredService<Serializer>()).Parts.Select(p => p.Number));
    }

    [Fact]
    public async Task ARowWrittenWithItsVersionsInlineReadsBackAndMovesThemToRowsOnTheNextWrite()
    {
        // The embedded store before versions had rows of their own: the whole state in the grain's row.
        var inline = NodeState("h1");
        await _store.WriteAsync("context/" + StateName, Grain.ToString(), _services.GetRequiredService<Serializer>().SerializeToArray(inline), null);

        var state = new GrainState<ContextNodeState>();
        await _storage.ReadStateAsync(StateName, Grain, state);
        Assert.Equal(["h1"], state.State!.Versions.Select(v => v.ContentHash));
        Assert.Empty(await PartNumbersAsync());

        state.State!.Versions.Add(state.State!.Versions[0] with { Version = 2, ContentHash = "h2" });
        await _storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal([1L, 2L], await PartNumbersAsync());
        var read = new GrainState<ContextNodeState>();
        await _storage.ReadStateAsync(StateName, Grain, read);
        Assert.Equal(["h1", "h2"], read.State!.Versions.Select(v => v.ContentHash));
    }

    [Fact]
    public async Task AStaleWriteStoresNoVersionRows()
    {
        var (first, second) = await TwoReadersOfOneRowAsync();
        first.State!.Versions.Add(first.State!.Versions[0] with { Version = 2, ContentHash = "first" });
        await _storage.WriteStateAsync(StateName, Grain, first);
        second.State!.Versions.Add(second.State!.Versions[0] with { Version = 2, ContentHash = "second" });
        second.State!.Versions.Add(second.State!.Versions[0] with { Version = 3, ContentHash = "second" });

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Grain, second));

        var read = new GrainState<ContextNodeState>();
        await _storage.ReadStateAsync(StateName, Grain, read);
        Assert.Equal(["h1", "first"], read.State!.Versions.Select(v => v.ContentHash));
        Assert.Equal([1L, 2L], await PartNumbersAsync());
    }

    private async Task<List<long>> PartNumbersAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT part FROM grain_state_part ORDER BY part";
        var numbers = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt64(0));
        }

        return numbers;
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
