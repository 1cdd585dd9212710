using Slurp.Domain.Audit;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Storage;

/// <summary>
/// A durable table of grain-state rows with a version per row (the ETag), written by group commit. Implemented
/// by the embedded <see cref="SqliteStateStore"/> and the cluster profile's <see cref="Postgres.PostgresStateStore"/>.
/// </summary>
internal interface IGrainStateStore
{
    /// <summary>Reads a row with its parts, or null when there is none.</summary>
    Task<StoredRow?> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts (<paramref name="expectedVersion"/> null) or replaces a row whose version matches, with it inserts or
    /// replaces <paramref name="parts"/> (only if the row was written), and appends <paramref name="audit"/> (when
    /// given) to the audit chain, all in one transaction. Returns after the commit is durable: the row's new
    /// version, or -1 when its version differs (the audit entry is committed anyway), and the chained entry.
    /// </summary>
    Task<(long Version, AuditEntry? Entry)> WriteAsync(
        string stateName, string grainId, byte[] payload, long? expectedVersion, AuditDraft? audit, IReadOnlyList<StoredPart> parts);

    /// <summary>Deletes a row whose version matches (any version when null) and its parts; returns 0, or -1 on a mismatch.</summary>
    Task<long> DeleteAsync(string stateName, string grainId, long? expectedVersion);
}
