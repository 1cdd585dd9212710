using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;

namespace Slurp.Host.Context;

/// <summary>Lists a node's direct children that a set of roles may see.</summary>
internal static class ChildListing
{
    /// <summary>
    /// Children within the roles' scopes. With <paramref name="checkContent"/>, a child that has content is
    /// listed only when one of the roles may read its head; a pure folder (no content of its own) is listed
    /// when it is within scope. <paramref name="knownChildren"/>: the names, when the caller already has them.
    /// </summary>
    public static async Task<List<NodeKey>> VisibleAsync(
        IGrainFactory grains, NodeKey node, IEnumerable<string> callerRoles, RoleCatalog catalog, bool checkContent, CancellationToken cancellationToken,
        string[]? knownChildren = null)
    {
        var names = knownChildren ?? await grains.GetGrainByKey<IContextNodeGrain>(node.ToGrainKey()).GetChildrenAsync(cancellationToken);
        var roles = callerRoles.ToList();
        var candidates = new List<(NodeKey Key, IReadOnlySet<string> Roles)>();
        foreach (var name in names)
        {
            var child = node with { Path = node.Path.Child(name) };
            var covering = catalog.Covering(roles, child.Path.Value);
            if (covering.Count > 0)
            {
                candidates.Add((child, covering));
            }
        }

        if (!checkContent)
        {
            return [.. candidates.Select(c => c.Key)];
        }

        var heads = await Task.WhenAll(candidates.Select(c =>
            grains.GetGrainByKey<IContextNodeGrain>(c.Key.ToGrainKey()).GetHeadAsync(Slurp.Domain.Versions.BranchName.Main, cancellationToken)));
        var visible = new List<NodeKey>();
        for (var i = 0; i < candidates.Count; i++)
        {
            // A pure folder (no head) is listed by scope; a node with content only when a role may read its head.
            if (heads[i] is null || NodeReads.CanSee(heads[i]!, candidates[i].Roles))
            {
                visible.Add(candidates[i].Key);
            }
        }

        return visible;
    }
}
