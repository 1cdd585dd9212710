using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;
using Slurp.Domain.Context;

namespace Slurp.Host.Context;

/// <summary>
/// Fetches the ancestors of a node for the cascade. The ancestors of a path are known from the path
/// itself, so they are asked in parallel: a resolution costs one round of in-memory grain calls,
/// not depth × storage reads.
/// </summary>
internal static class CascadeChainLoader
{
    /// <summary>
    /// The nearest <paramref name="maxDepth"/> ancestors of <paramref name="node"/>, root first, with the layers
    /// decrypted for those of <paramref name="readingRoles"/> whose scopes cover each ancestor (need-to-know:
    /// an ancestor is never decrypted for a role that may not read it).
    /// </summary>
    public static async Task<List<NodeLayers>> LoadAncestorsAsync(
        IGrainFactory grains, NodeKey node, string branch, DateTimeOffset? asOf, RoleCatalog roles, IEnumerable<string> readingRoles,
        int maxDepth, CancellationToken cancellationToken)
    {
        var ancestors = node.AncestorsFromRoot();
        var nearest = ancestors.Skip(Math.Max(0, ancestors.Count - maxDepth)).ToList();
        var reading = readingRoles.ToList();
        var versions = await Task.WhenAll(nearest.Select(a =>
        {
            var covering = roles.Covering(reading, a.Path.Value);
            return covering.Count == 0
                ? Task.FromResult<StoredVersion?>(null)
                : grains.GetGrainByKey<IContextNodeGrain>(a.ToGrainKey()).GetCascadeVersionAsync(branch, asOf, [.. covering], cancellationToken);
        }));
        var chain = new List<NodeLayers>(nearest.Count + 1);
        for (var i = 0; i < nearest.Count; i++)
        {
            chain.Add(ContextMapping.ToChainLink(versions[i], nearest[i].ToString(), roles.CoveringAll(nearest[i].Path.Value)));
        }

        return chain;
    }
}
