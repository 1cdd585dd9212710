using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Slurp.Grains.Storage;
using Slurp.Tests.Shared;

namespace Slurp.Grains.Tests.Storage;

/// <summary>
/// The embedded store's commit metrics (<see cref="GroupCommitMetrics"/>): every commit reports the changes it
/// carried and its time, and a batch that rolls back is reported as failed — what an operator reads group commit by.
/// </summary>
public sealed class SqliteCommitMetricsTests : IAsyncLifetime
{
    private const string Changes = "slurp.storage.commit.changes";
    private const string Duration = "slurp.storage.commit.duration";

    private readonly TempDatabase _database = new();
    private SqliteStateStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteStateStore(
            Options.Create(new SqliteStorageOptions { DatabasePath = _database.DatabasePath }), NullLogger<SqliteStateStore>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task WritesQueuedDuringACommitAreReportedAsOneCommitOfThatManyChanges()
    {
        using var seen = new CommitMeasurements(_store.Metrics);
        var blocker = new BlockingOperation();
        _store.Enqueue(blocker);
        await blocker.Entered.Task.WaitAsync(Poll.Limit);

        // Queued while the writer is inside the blocker's batch: they all go into the next one.
        var writes = Enumerable.Range(0, 40).Select(i => _store.WriteAsync("context/node", $"g{i}", [1], null)).ToList();
        blocker.Release();
        await Task.WhenAll(writes);

        var changes = seen.Of(Changes);
        Assert.Equal([1.0, 40.0], changes.Select(c => c.Value));
        Assert.All(changes, c =>
        {
            Assert.Equal("sqlite", c.Provider);
            Assert.Equal("committed", c.Outcome);
        });
        var durations = seen.Of(Duration);
        Assert.Equal(2, durations.Count);
        // Seconds: the blocker's commit lasted at least as long as the test took to queue 40 writes.
        Assert.All(durations, d => Assert.InRange(d.Value, double.Epsilon, Poll.Limit.TotalSeconds));
    }

    [Fact]
    public async Task ABatchThatRollsBackIsReportedAsFailedAndTheNextCommitAsCommitted()
    {
        using var seen = new CommitMeasurements(_store.Metrics);
        var failing = new FailingOperation();
        _store.Enqueue(failing);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Failure.Task.WaitAsync(Poll.Limit));

        Assert.Equal(1, await _store.WriteAsync("context/node", "after", [1], null));

        Assert.Equal([("failed", 1.0), ("committed", 1.0)], seen.Of(Changes).Select(c => (c.Outcome, c.Value)));
        Assert.Equal(["failed", "committed"], seen.Of(Duration).Select(d => d.Outcome));
    }

    [Fact]
    public async Task AListenerOfOneStoreHearsNothingOfAnother()
    {
        using var other = new TempDatabase();
        await using var second = new SqliteStateStore(
            Options.Create(new SqliteStorageOptions { DatabasePath = other.DatabasePath }), NullLogger<SqliteStateStore>.Instance);
        using var seen = new CommitMeasurements(_store.Metrics);

        await second.WriteAsync("context/node", "elsewhere", [1], null);

        Assert.Empty(seen.Of(Changes));
    }

    // Fails inside its batch, so the whole transaction rolls back.
    private sealed class FailingOperation : StoreOperation
    {
        public TaskCompletionSource Failure { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now) =>
            throw new InvalidOperationException("this operation always fails");

        public override void Succeed() => Failure.TrySetResult();

        public override void Fail(Exception exception) => Failure.TrySetException(exception);
    }
}
