namespace Slurp.Domain.Context;

/// <summary>
/// One node of a cascade chain: its canonical address (used as the provenance of every value it
/// contributes) and its layers. A node that does not exist, or holds nothing readable, has no layers.
/// </summary>
/// <param name="Source">The node's canonical address string, e.g. <c>ucxl://any:any@proj:task/src</c>.</param>
/// <param name="Layers">The node's base layer and role overlays, in any order; at most one layer per name.</param>
public sealed record NodeLayers(string Source, IReadOnlyList<ContextLayer> Layers)
{
    /// <summary>A node that contributes nothing (missing, or nothing readable).</summary>
    public static NodeLayers Empty(string source) => new(source, []);
}
