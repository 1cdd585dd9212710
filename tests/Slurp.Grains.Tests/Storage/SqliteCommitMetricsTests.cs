using System.Diagnostics.Metrics;
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
    private const string Changes = GroupCommitMetrics.ChangesInstrument;
    private const string Duration = GroupCommitMetrics.DurationInstrument;

    private readonly TempDatabase _database = new();

    // The store's own meter: tests in parallel write through stores of their own on the shared one.
    private readonly Meter _meter = new("Slurp.Storage.Tests");
    private SqliteStateStore _store = null!;

    public Task InitializeAsync()
    {
        _store = Open(_database, new GroupCommitMetrics("sqlite", _meter));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _meter.Dispose();
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
    public async Task StoresWithoutAMeterOfTheirOwnRecordOnTheProcesssSlurpStorageMeter()
    {
        using var first = new TempDatabase();
        using var second = new TempDatabase();
        await using var one = Open(first, null);
        await using var other = Open(second, null);

        Assert.Equal(GroupCommitMetrics.MeterName, one.Metrics.Meter.Name);
        Assert.Same(one.Metrics.Meter, other.Metrics.Meter);
        Assert.NotSame(_store.Metrics.Meter, one.Metrics.Meter);
    }

    [Fact]
    public async Task AListenerOfOneStoresMeterHearsNothingOfAnotherStore()
    {
        using var elsewhere = new TempDatabase();
        await using var other = Open(elsewhere, null);
        using var seen = new CommitMeasurements(_store.Metrics);

        await other.WriteAsync("context/node", "elsewhere", [1], null);

        Assert.Empty(seen.Of(Changes));
    }

    private static SqliteStateStore Open(TempDatabase database, GroupCommitMetrics? metrics) =>
        new(Options.Create(new SqliteStorageOptions { DatabasePath = database.DatabasePath }), NullLogger<SqliteStateStore>.Instance, metrics);

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
