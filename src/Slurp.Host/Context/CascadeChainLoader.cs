using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;
using Slurp.Domain.Context;
using Slurp.Grains.Context;
using Slurp.Host.Configuration;

namespace Slurp.Host.Context;

/// <summary>
/// Fetches the ancestors of a node for the cascade. The ancestors of a path are known from the path
/// itself, so they are asked in parallel: a resolution costs one round of in-memory grain calls,
/// not depth × storage reads — and none for ancestors the silo's <see cref="CascadeCache"/> holds.
/// </summary>
internal static class CascadeChainLoader
{
    /// <summary>The silo's ancestor cache, or null when <c>Slurp:Cascade:AncestorCache</c> is off.</summary>
    public static CascadeCache? Cache(HttpContext http, CascadeSettings settings) =>
        settings.AncestorCache ? http.RequestServices.GetRequiredService<CascadeCache>() : null;

    /// <summary>
    /// The nearest <paramref name="maxDepth"/> ancestors of <paramref name="node"/>, root first, with the layers
    /// decrypted for those of <paramref name="readingRoles"/> whose scopes cover each ancestor (need-to-know:
    /// an ancestor is never decrypted for a role that may not read it). Current versions come through
    /// <paramref name="cache"/> when one is given; versions as of an instant are always asked of the nodes.
    /// </summary>
    public static async Task<List<NodeLayers>> LoadAncestorsAsync(
        IGrainFactory grains, CascadeCache? cache, NodeKey node, string branch, DateTimeOffset? asOf, RoleCatalog roles, IEnumerable<string> readingRoles,
        int maxDepth, CancellationToken cancellationToken)
    {
        var ancestors = node.AncestorsFromRoot();
        var nearest = ancestors.Skip(Math.Max(0, ancestors.Count - maxDepth)).ToList();
        var reading = readingRoles as IReadOnlyList<string> ?? readingRoles.ToList();
        // Versions as of an instant are never cached: they are asked of the nodes.
        var current = asOf is null ? cache : null;
        var versions = new StoredVersion?[nearest.Count];
        List<(int Index, Task<StoredVersion?> Asked)>? pending = null;
        for (var i = 0; i < nearest.Count; i++)
        {
            var asking = roles.CoveringInOrder(reading, nearest[i].Path.Value);
            if (asking.Length == 0)
            {
                continue;
            }

            var grainKey = nearest[i].ToGrainKey();
            if (current is not null && current.TryGet(grainKey, branch, asking, out var cached))
            {
                // Most ancestors are hits: no task, no await for them.
                versions[i] = cached;
                continue;
            }

            var asked = current is not null
                ? current.LeaseAsync(grainKey, branch, asking, cancellationToken)
                : grains.GetGrainByKey<IContextNodeGrain>(grainKey).GetCascadeVersionAsync(branch, asOf, asking, cancellationToken);
            (pending ??= []).Add((i, asked));
        }

        if (pending is not null)
        {
            await Task.WhenAll(pending.Select(p => p.Asked));
            foreach (var (index, asked) in pending)
            {
                versions[index] = await asked;
            }
        }

        var chain = new List<NodeLayers>(nearest.Count + 1);
        for (var i = 0; i < nearest.Count; i++)
        {
            // A folder without content (the usual case) contributes nothing: no need to work out who may read it.
            var source = nearest[i].ToString();
            chain.Add(versions[i] is { IsTombstone: false, Layers.Length: > 0 } version
                ? ContextMapping.ToChainLink(version, source, roles.CoveringAll(nearest[i].Path.Value))
                : NodeLayers.Empty(source));
        }

        return chain;
    }
}
