namespace Slurp.Abstractions.Context;

/// <summary>
/// One layer of a stored version: the node's own ("base") layer or a role overlay.
/// <see cref="Readers"/> is the access list. In storage, format 1 keeps the content only as an
/// <see cref="Envelope"/> (AES-256-GCM under a fresh data key) with the data key wrapped once per reader
/// role in <see cref="WrappedKeys"/>; format 0 (the first release) kept <see cref="Content"/> in clear and is
/// migrated on first access. Between grain and front door, <see cref="Content"/> carries the decrypted
/// content of the layers the reader may see.
/// </summary>
[GenerateSerializer, Immutable, Alias("slurp.StoredLayer")]
public sealed record StoredLayer
{
    /// <summary>"base" or the overlay's role name.</summary>
    [Id(0)] public required string LayerName { get; init; }

    /// <summary>The roles that may read this layer (for an overlay, exactly its role).</summary>
    [Id(1)] public required string[] Readers { get; init; }

    /// <summary>The layer's stored (differential) content.</summary>
    [Id(2)] public ContextContent? Content { get; init; }

    /// <summary>The sealed content (format 1): header, nonce, tag, ciphertext.</summary>
    [Id(3)] public byte[]? Envelope { get; init; }

    /// <summary>The layer's data key, wrapped for each reader role.</summary>
    [Id(4)] public WrappedDataKey[] WrappedKeys { get; init; } = [];
}
