using Slurp.Domain.Audit;

namespace Slurp.Grains.Audit;

/// <summary>The filter semantics of <see cref="AuditQuery"/>, shared by the in-memory sink and tests.</summary>
public static class AuditQueryMatching
{
    public static bool Matches(this AuditQuery query, AuditEntry entry) =>
        (query.From is null || entry.Time >= query.From)
        && (query.To is null || entry.Time <= query.To)
        && (query.Agent is null || entry.Agent == query.Agent)
        && (query.Role is null || entry.Role == query.Role)
        && (query.Address is null || entry.Address == query.Address)
        && (query.Outcome is null || entry.Outcome == query.Outcome)
        && (query.BeforeSequence is null || entry.Sequence < query.BeforeSequence);
}
