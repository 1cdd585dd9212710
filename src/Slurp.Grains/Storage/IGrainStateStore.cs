using Slurp.Domain.Audit;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Storage;

/// <summary>
/// A durable table of grain-state rows with a version per row (the ETag), written by group commit. Implemented
/// by the embedded <see cref="SqliteStateStore"/> and the cluster profile's <see cref="Postgres.PostgresStateStore"/>.
/// </summary>
internal interface IGrainStateStore
{
    /// <summary>Reads a row, or null when there is none.</summary>
    Task<StoredRow?> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts (<paramref name="expectedVersion"/> null) or replaces a row whose version matches, and appends
    /// <paramref name="audit"/> (when given) to the audit chain in the same transaction. Returns after the commit
    /// is durable: the row's new version, or -1 when its version differs (the audit entry is committed anyway),
    /// and the chained entry.
    /// </summary>
    Task<(long Version, AuditEntry? Entry)> WriteAsync(string stateName, string grainId, byte[] payload, long? expectedVersion, AuditDraft? audit);

    /// <summary>Deletes a row whose version matches (any version when null); returns 0, or -1 on a mismatch.</summary>
    Task<long> DeleteAsync(string stateName, string grainId, long? expectedVersion);
}
