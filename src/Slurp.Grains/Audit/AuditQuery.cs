namespace Slurp.Grains.Audit;

/// <summary>Filters of <c>GET /v1/audit</c> (all optional, combined with AND), newest first.</summary>
public sealed record AuditQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Agent { get; init; }
    public string? Role { get; init; }
    public string? Address { get; init; }
    public string? Outcome { get; init; }

    /// <summary>Only entries with a lower sequence (paging backwards).</summary>
    public long? BeforeSequence { get; init; }
    public int Limit { get; init; } = 100;
}
