using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Slurp.Grains.Storage;

namespace Slurp.Grains.Tests.Storage;

public sealed class SqliteStateStoreTests : IAsyncLifetime
{
    private const string State = "context/node";

    private readonly TempDatabase _database = new();
    private SqliteStateStore _store = null!;

    public Task InitializeAsync()
    {
        _store = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task InsertedRowReadsBackAtVersionOne()
    {
        var version = await _store.WriteAsync(State, "g1", Bytes("first"), expectedVersion: null);

        var row = await _store.ReadAsync(State, "g1", CancellationToken.None);

        Assert.Equal(1, version);
        Assert.Equal("first", Text(row!.Value.Payload));
        Assert.Equal(1, row.Value.Version);
    }

    [Fact]
    public async Task ReadOfAMissingRowIsNull()
    {
        Assert.Null(await _store.ReadAsync(State, "missing", CancellationToken.None));
    }

    [Fact]
    public async Task RowsOfOtherStateNamesAreSeparate()
    {
        await _store.WriteAsync(State, "g1", Bytes("node"), expectedVersion: null);

        var inserted = await _store.WriteAsync("access/roles", "g1", Bytes("roles"), expectedVersion: null);

        Assert.Equal(1, inserted);
        Assert.Equal("node", Text((await _store.ReadAsync(State, "g1", CancellationToken.None))!.Value.Payload));
    }

    [Fact]
    public async Task InsertOfARowThatExistsIsRefusedAndKeepsTheRow()
    {
        await _store.WriteAsync(State, "g1", Bytes("first"), expectedVersion: null);

        var version = await _store.WriteAsync(State, "g1", Bytes("second"), expectedVersion: null);

        Assert.Equal(-1, version);
        Assert.Equal("first", Text((await _store.ReadAsync(State, "g1", CancellationToken.None))!.Value.Payload));
    }

    [Fact]
    public async Task UpdateWithTheCurrentVersionReplacesThePayloadAndIncrementsTheVersion()
    {
        await _store.WriteAsync(State, "g1", Bytes("first"), expectedVersion: null);

        var version = await _store.WriteAsync(State, "g1", Bytes("second"), expectedVersion: 1);

        var row = await _store.ReadAsync(State, "g1", CancellationToken.None);
        Assert.Equal(2, version);
        Assert.Equal(2, row!.Value.Version);
        Assert.Equal("second", Text(row.Value.Payload));
    }

    [Fact]
    public async Task UpdateWithAStaleVersionIsRefusedAndLeavesTheRowUnchanged()
    {
        await _store.WriteAsync(State, "g1", Bytes("first"), expectedVersion: null);
        await _store.WriteAsync(State, "g1", Bytes("second"), expectedVersion: 1);

        var version = await _store.WriteAsync(State, "g1", Bytes("stale"), expectedVersion: 1);

        var row = await _store.ReadAsync(State, "g1", CancellationToken.None);
        Assert.Equal(-1, version);
        Assert.Equal(2, row!.Value.Version);
        Assert.Equal("second", Text(row.Value.Payload));
    }

    [Fact]
    public async Task UpdateOfAMissingRowIsRefused()
    {
        var version = await _store.WriteAsync(State, "missing", Bytes("x"), expectedVersion: 1);

        Assert.Equal(-1, version);
        Assert.Null(await _store.ReadAsync(State, "missing", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteWithTheCurrentVersionRemovesTheRow()
    {
        await _store.WriteAsync(State, "g1", Bytes("first"), expectedVersion: null);

        var result = await _store.DeleteAsync(State, "g1", expectedVersion: 1);

        Assert.Equal(0, result);
        Assert.Null(await _store.ReadAsync(State, "g1", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteWithAStaleVersionIsRefusedAndKeepsTheRow()
    {
        await _store.WriteAsync(State, "g1", Bytes("first"), expectedVersion: null);
        await _store.WriteAsync(State, "g1", Bytes("second"), expectedVersion: 1);

        var result = await _store.DeleteAsync(State, "g1", expectedVersion: 1);

        Assert.Equal(-1, result);
        Assert.Equal(2, (await _store.ReadAsync(State, "g1", CancellationToken.None))!.Value.Version);
    }

    [Fact]
    public async Task DeleteWithoutAVersionRemovesTheRowWhateverItsVersion()
    {
        await _store.WriteAsync(State, "g1", Bytes("first"), expectedVersion: null);
        await _store.WriteAsync(State, "g1", Bytes("second"), expectedVersion: 1);

        var result = await _store.DeleteAsync(State, "g1", expectedVersion: null);

        Assert.Equal(0, result);
        Assert.Null(await _store.ReadAsync(State, "g1", CancellationToken.None));
    }

    [Fact]
    public async Task RowInsertedAfterADeleteStartsAgainAtVersionOne()
    {
        await _store.WriteAsync(State, "g1", Bytes("first"), expectedVersion: null);
        await _store.DeleteAsync(State, "g1", expectedVersion: 1);

        var version = await _store.WriteAsync(State, "g1", Bytes("again"), expectedVersion: null);

        Assert.Equal(1, version);
    }

    [Fact]
    public async Task FiveHundredConcurrentWritesToDistinctRowsAreAllAcknowledged()
    {
        var versions = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => _store.WriteAsync(State, $"g{i}", Bytes($"payload {i}"), null)));

        Assert.All(versions, version => Assert.Equal(1, version));
    }

    [Fact]
    public async Task AcknowledgedWritesAreReadableAfterTheStoreIsReopened()
    {
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => _store.WriteAsync(State, $"g{i}", Bytes($"payload {i}"), null)));

        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _store = Open();

        var rows = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => _store.ReadAsync(State, $"g{i}", CancellationToken.None)));
        Assert.Equal(
            Enumerable.Range(0, 500).Select(i => $"payload {i}@1"),
            rows.Select(row => $"{Text(row!.Value.Payload)}@{row.Value.Version}"));
    }

    [Fact]
    public async Task AStaleWriteDoesNotStopTheWritesCommittedWithIt()
    {
        await _store.WriteAsync(State, "stale", Bytes("first"), expectedVersion: null);
        await _store.WriteAsync(State, "stale", Bytes("second"), expectedVersion: 1);

        // While another connection holds the write lock the writer cannot commit, so the writes queued meanwhile
        // form at most two consecutive batches; the stale write sits in the middle and shares a batch either way.
        Task<long>[] others;
        Task<long> stale;
        await using (var blocker = new SqliteConnection($"Data Source={_database.DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using var lockCommand = blocker.CreateCommand();
            lockCommand.CommandText = "BEGIN IMMEDIATE";
            await lockCommand.ExecuteNonQueryAsync();

            var before = Enumerable.Range(0, 20).Select(i => _store.WriteAsync(State, $"before{i}", Bytes("x"), null)).ToArray();
            stale = _store.WriteAsync(State, "stale", Bytes("stale"), expectedVersion: 1);
            var after = Enumerable.Range(0, 20).Select(i => _store.WriteAsync(State, $"after{i}", Bytes("x"), null)).ToArray();
            others = [.. before, .. after];

            lockCommand.CommandText = "ROLLBACK";
            await lockCommand.ExecuteNonQueryAsync();
        }

        Assert.Equal(-1, await stale);
        Assert.All(await Task.WhenAll(others), version => Assert.Equal(1, version));
        Assert.NotNull(await _store.ReadAsync(State, "before0", CancellationToken.None));
        Assert.NotNull(await _store.ReadAsync(State, "after19", CancellationToken.None));
        Assert.Equal("second", Text((await _store.ReadAsync(State, "stale", CancellationToken.None))!.Value.Payload));
    }

    [Fact]
    public async Task AfterDisposeTheDatabaseFileAloneHoldsEveryAcknowledgedWrite()
    {
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _store.WriteAsync(State, $"g{i}", Bytes($"payload {i}"), null)));
        await _store.DisposeAsync();

        // A copy of the file without its -wal and -shm companions, as a backup of a stopped node would take.
        var copy = _database.DatabasePath + ".copy";
        File.Copy(_database.DatabasePath, copy);
        await using var copied = new SqliteStateStore(
            Options.Create(new SqliteStorageOptions { DatabasePath = copy }), NullLogger<SqliteStateStore>.Instance);

        var rows = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => copied.ReadAsync(State, $"g{i}", CancellationToken.None)));
        Assert.All(rows, row => Assert.NotNull(row));
    }

    [Fact]
    public async Task DisposingTwiceIsHarmless()
    {
        await _store.DisposeAsync();

        await _store.DisposeAsync();

        Assert.False(await _store.IsReachableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WriteAfterDisposeIsRefused()
    {
        await _store.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => { _ = _store.WriteAsync(State, "g1", Bytes("x"), null); });
    }

    [Fact]
    public async Task StoreIsReachableWhileOpen()
    {
        Assert.True(await _store.IsReachableAsync(CancellationToken.None));
    }

    private SqliteStateStore Open() =>
        new(Options.Create(new SqliteStorageOptions { DatabasePath = _database.DatabasePath }), NullLogger<SqliteStateStore>.Instance);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] payload) => Encoding.UTF8.GetString(payload);
}
