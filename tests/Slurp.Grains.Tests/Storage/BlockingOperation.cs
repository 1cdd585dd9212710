using Microsoft.Data.Sqlite;
using Slurp.Grains.Storage;

namespace Slurp.Grains.Tests.Storage;

/// <summary>
/// A store operation that holds the writer inside its batch until released, so that whatever is queued
/// meanwhile lands, all together, in the next batch.
/// </summary>
internal sealed class BlockingOperation : StoreOperation
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the writer has taken this operation into a batch.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        Entered.TrySetResult();

        // The writer is a loop of its own: blocking it here is the point (bounded, should a test forget to release).
        _released.Task.Wait(Poll.Limit);
    }

    public void Release() => _released.TrySetResult();

    public override void Succeed()
    {
    }

    public override void Fail(Exception exception)
    {
    }
}
