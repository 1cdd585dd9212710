using Slurp.Domain.Audit;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Storage.Postgres;

/// <summary>
/// One queued change for <see cref="PostgresStateStore"/>'s group commit: an audit entry to chain, a grain-state
/// row to write, or both (then they commit together or not at all). A null payload deletes the row; a null
/// expected version means the row must not exist yet (or, for a delete, any version).
/// </summary>
internal sealed class PostgresChange
{
    private PostgresChange(AuditDraft? audit, RowChange? row)
    {
        Audit = audit;
        Row = row;
    }

    public AuditDraft? Audit { get; }

    public RowChange? Row { get; }

    /// <summary>The chained entry, set while the batch is built (and cleared if the batch is retried).</summary>
    public AuditEntry? Entry { get; set; }

    /// <summary>The row's new version (0 after a delete), or -1 when its version did not match.</summary>
    public long RowResult { get; set; }

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static PostgresChange ForAudit(AuditDraft audit) => new(audit, null);

    public static PostgresChange ForRow(RowChange row, AuditDraft? audit) => new(audit, row);

    /// <summary>A grain-state row change, with the parts to store beside the row (only if the row is written).</summary>
    public sealed record RowChange(string StateName, string GrainId, byte[]? Payload, long? ExpectedVersion, IReadOnlyList<StoredPart> Parts);
}
