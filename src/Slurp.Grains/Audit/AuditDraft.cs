namespace Slurp.Grains.Audit;

/// <summary>An audit event before the sink gives it a sequence number and chains it.</summary>
public sealed record AuditDraft(
    DateTimeOffset Time, string Agent, string Role, string Action, string? Address, string Outcome, string? Detail);
