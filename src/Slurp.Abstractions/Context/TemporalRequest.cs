namespace Slurp.Abstractions.Context;

/// <summary>A temporal selector in wire form (see Slurp.Domain TemporalQuery).</summary>
[GenerateSerializer, Immutable, Alias("slurp.TemporalRequest")]
public sealed record TemporalRequest
{
    /// <summary>Latest, First, Exact, Back, Forward or AsOf.</summary>
    [Id(0)] public required string Kind { get; init; }
    [Id(1)] public int N { get; init; }
    [Id(2)] public DateTimeOffset? Instant { get; init; }

    /// <summary>The head of the branch.</summary>
    public static TemporalRequest Latest { get; } = new() { Kind = "Latest" };
}
