using Microsoft.Data.Sqlite;

namespace Slurp.Grains.Storage;

/// <summary>Several operations that must share one transaction (an audit entry and the write it audits).</summary>
internal sealed class CombinedOperation(params StoreOperation[] parts) : StoreOperation
{
    public override void Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        foreach (var part in parts)
        {
            part.Apply(connection, transaction, now);
        }
    }

    public override void Rollback()
    {
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            parts[i].Rollback();
        }
    }

    public override void Succeed()
    {
        foreach (var part in parts)
        {
            part.Succeed();
        }
    }

    public override void Fail(Exception exception)
    {
        foreach (var part in parts)
        {
            part.Fail(exception);
        }
    }
}
