using Slurp.Domain.Audit;

namespace Slurp.Grains.Audit;

/// <summary>
/// The append-only, hash-chained audit log. <see cref="AppendAsync"/> returns only after the entry is
/// durable; callers fail their request when it throws (fail-closed).
/// </summary>
public interface IAuditSink
{
    Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Walks the whole chain and reports the first broken link.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);

    Task<AuditCounts> CountAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
