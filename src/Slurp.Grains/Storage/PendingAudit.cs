using Microsoft.Data.Sqlite;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Storage;

/// <summary>Appends one audit entry, chained to the tail, inside the batch transaction.</summary>
internal sealed class PendingAudit(SqliteAuditTable table, AuditDraft draft) : StoreOperation
{
    private AuditEntry? _entry;
    private (long Sequence, string Hash) _before;

    public TaskCompletionSource<AuditEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        _before = (table.TailSequence, table.TailHash);
        var entry = AuditChain.Append(table.TailHash, table.TailSequence + 1, draft.Time, draft.Agent, draft.Role, draft.Action, draft.Address, draft.Outcome, draft.Detail);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO audit_log ({SqliteAuditTable.Columns}) VALUES ($seq, $t, $agent, $role, $action, $address, $outcome, $detail, $prev, $hash)";
        command.Parameters.AddWithValue("$seq", entry.Sequence);
        command.Parameters.AddWithValue("$t", entry.Time.UtcTicks);
        command.Parameters.AddWithValue("$agent", entry.Agent);
        command.Parameters.AddWithValue("$role", entry.Role);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$address", (object?)entry.Address ?? DBNull.Value);
        command.Parameters.AddWithValue("$outcome", entry.Outcome);
        command.Parameters.AddWithValue("$detail", (object?)entry.Detail ?? DBNull.Value);
        command.Parameters.AddWithValue("$prev", entry.PreviousHash);
        command.Parameters.AddWithValue("$hash", entry.Hash);
        command.ExecuteNonQuery();
        (table.TailSequence, table.TailHash) = (entry.Sequence, entry.Hash);
        _entry = entry;
    }

    public override void Rollback()
    {
        if (_entry is not null)
        {
            (table.TailSequence, table.TailHash) = _before;
        }
    }

    public override void Succeed() => Completion.TrySetResult(_entry!);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
