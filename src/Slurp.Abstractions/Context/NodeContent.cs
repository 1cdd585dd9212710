namespace Slurp.Abstractions.Context;

/// <summary>What a write stores: the access metadata and the already-differential layers.</summary>
[GenerateSerializer, Immutable, Alias("slurp.NodeContent")]
public sealed record NodeContent
{
    [Id(0)] public required string Classification { get; init; }
    [Id(1)] public required string[] Readers { get; init; }
    [Id(2)] public required StoredLayer[] Layers { get; init; }

    /// <summary>Hash of the content (computed by the caller from the domain form).</summary>
    [Id(3)] public required string ContentHash { get; init; }
}
