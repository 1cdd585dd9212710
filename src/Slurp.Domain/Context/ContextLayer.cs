namespace Slurp.Domain.Context;

/// <summary>
/// One layer of a context node as the cascade sees it: the node's own layer (named <see cref="BaseName"/>)
/// or a role overlay (named after its role, readable by exactly that role).
/// </summary>
/// <param name="LayerName"><see cref="BaseName"/> for the node's own layer, otherwise the overlay's role name.</param>
/// <param name="Readers">The roles that may read this layer; an overlay's readers are exactly its role.</param>
/// <param name="Data">The content stored in this layer (differential: only what was not inherited at write time).</param>
public sealed record ContextLayer(string LayerName, IReadOnlyList<string> Readers, ContextData Data)
{
    /// <summary>The name of a node's own layer; role overlays are named after their role.</summary>
    public const string BaseName = "base";

    /// <summary>True for the node's own layer, false for a role overlay.</summary>
    public bool IsBase => string.Equals(LayerName, BaseName, StringComparison.Ordinal);

    /// <summary>The node's own layer, readable by <paramref name="readers"/>.</summary>
    public static ContextLayer Base(IReadOnlyList<string> readers, ContextData data) => new(BaseName, readers, data);

    /// <summary>An overlay readable only by <paramref name="role"/>.</summary>
    public static ContextLayer Overlay(string role, ContextData data) => new(role, [role], data);

    /// <summary>True when at least one of <paramref name="roles"/> is a reader of this layer (ordinal comparison).</summary>
    public bool IsReadableBy(IReadOnlySet<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var reader in Readers)
        {
            if (roles.Contains(reader))
            {
                return true;
            }
        }

        return false;
    }
}
