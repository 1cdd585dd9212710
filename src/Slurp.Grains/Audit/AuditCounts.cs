namespace Slurp.Grains.Audit;

/// <summary>Totals for the security metrics.</summary>
public sealed record AuditCounts(long Entries, long EventsSince, long DeniedSince);
