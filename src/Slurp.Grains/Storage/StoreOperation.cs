using Microsoft.Data.Sqlite;

namespace Slurp.Grains.Storage;

/// <summary>One queued change for the group-commit writer; applied inside the batch's transaction.</summary>
internal abstract class StoreOperation
{
    /// <summary>Applies the change; the result is delivered only after the commit.</summary>
    public abstract void Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now);

    /// <summary>Delivers the result of <see cref="Apply"/> after the commit's fsync.</summary>
    public abstract void Succeed();

    /// <summary>Delivers a failure (the batch rolled back).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Undoes in-memory effects of <see cref="Apply"/> when the batch rolls back.</summary>
    public virtual void Rollback()
    {
    }
}
