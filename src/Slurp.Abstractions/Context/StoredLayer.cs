namespace Slurp.Abstractions.Context;

/// <summary>
/// One layer of a stored version: the node's own ("base") layer or a role overlay.
/// <see cref="Readers"/> is the access list; the layer's content travels in <see cref="Content"/>
/// while it is stored in clear (format 0). Envelope encryption adds a ciphertext and per-role wrapped
/// data keys beside it under new ids, so versions written in format 0 stay readable.
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
}
