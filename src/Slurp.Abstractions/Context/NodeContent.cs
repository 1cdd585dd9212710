namespace Slurp.Abstractions.Context;

/// <summary>
/// What a write stores: the access metadata and the already-differential layers in clear; the node
/// grain seals them into envelopes before anything reaches storage.
/// </summary>
[GenerateSerializer, Immutable, Alias("slurp.NodeContent")]
public sealed record NodeContent
{
    [Id(0)] public required string Classification { get; init; }
    [Id(1)] public required string[] Readers { get; init; }
    [Id(2)] public required StoredLayer[] Layers { get; init; }

    /// <summary>SHA-256 of the plaintext content (from the domain form); stored only as an HMAC under a master-derived key.</summary>
    [Id(3)] public required string ContentHash { get; init; }
}
