namespace Slurp.Domain.Audit;

/// <summary>How an audited operation ended; on the wire and in <see cref="AuditEntry.Outcome"/> see <see cref="AuditOutcomes"/>.</summary>
public enum AuditOutcome
{
    /// <summary>The caller was allowed and the operation completed (<c>allowed</c>).</summary>
    Allowed,

    /// <summary>The caller was not allowed; nothing happened (<c>denied</c>).</summary>
    Denied,

    /// <summary>The caller was allowed but the operation failed (<c>failed</c>).</summary>
    Failed,
}
