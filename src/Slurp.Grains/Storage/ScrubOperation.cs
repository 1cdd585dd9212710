using Microsoft.Data.Sqlite;

namespace Slurp.Grains.Storage;

/// <summary>Asks the writer to checkpoint and truncate the WAL after the batch it lands in.</summary>
internal sealed class ScrubOperation : StoreOperation
{
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
    }

    public override void Succeed() => Completion.TrySetResult();

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
