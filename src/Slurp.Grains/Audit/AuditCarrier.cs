using Slurp.Abstractions.Context;
using Slurp.Domain.Audit;

namespace Slurp.Grains.Audit;

/// <summary>
/// Hands an audit entry from a grain to the storage write that makes the audited change take effect, through
/// the grain's async flow (IPersistentState has no room for it). A storage that can (the SQLite and PostgreSQL
/// context stores) commits the entry and the state in one transaction and marks the carrier recorded; one that
/// cannot leaves it unrecorded, and the caller then appends it to the <see cref="IAuditSink"/> itself.
/// Only the write run by <see cref="WriteAsync"/> sees the entry: a call to another grain does not.
/// </summary>
public sealed class AuditCarrier
{
    private static readonly AsyncLocal<AuditCarrier?> Current = new();

    private AuditCarrier(AuditDraft draft) => Draft = draft;

    /// <summary>The entry to record.</summary>
    public AuditDraft Draft { get; }

    /// <summary>The chained entry once a storage committed it, else null.</summary>
    public AuditEntry? Recorded { get; private set; }

    /// <summary>
    /// Runs a storage write with <paramref name="note"/> attached; true when the storage committed the entry with
    /// it. A null note attaches nothing (false).
    /// </summary>
    public static async Task<bool> WriteAsync(AuditNote? note, Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var carrier = note is null ? null : new AuditCarrier(note.ToDraft());

        // Set inside this async method, the value reaches the awaited write and is gone again for the caller
        // when the method returns (an async method's AsyncLocal changes never flow back out).
        Current.Value = carrier;
        await write();
        return carrier?.Recorded is not null;
    }

    /// <summary>The carrier whose entry still waits to be recorded in this flow, if any.</summary>
    internal static AuditCarrier? Pending => Current.Value is { Recorded: null } carrier ? carrier : null;

    /// <summary>Called by a storage after the transaction holding <paramref name="entry"/> committed.</summary>
    internal void MarkRecorded(AuditEntry entry) => Recorded = entry;
}
