using System.Collections.ObjectModel;

namespace Slurp.Domain.Context;

/// <summary>
/// Resolves a context node through its ancestors like a CSS cascade (DESIGN.md "Context, cascade and
/// differential storage"). Pure and deterministic: the same chain and roles always give the same result,
/// whatever the order of readers and layers in the input.
/// </summary>
public static class CascadeResolver
{
    /// <summary>
    /// Resolves the last node of <paramref name="chainRootFirst"/> (the target; the nodes before it are its
    /// ancestors, root first) for <paramref name="readingRoles"/>.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Only layers readable by <paramref name="readingRoles"/> apply; within a node the base layer applies
    /// first, then the overlays in ordinal role-name order.</item>
    /// <item>Only the target and its nearest <see cref="CascadeOptions.MaxDepth"/> ancestors are considered.</item>
    /// <item>Summary and purpose: the nearest non-null value wins.</item>
    /// <item>Technologies and tags: union down the chain in first-seen order; <c>!x</c> removes an <c>x</c>
    /// applied before its layer (so a layer holding both <c>x</c> and <c>!x</c> ends with <c>x</c>), a later
    /// layer may add <c>x</c> back, a <c>!x</c> with nothing to remove is ignored, and no <c>!x</c> appears in
    /// the result. A value stated again by a nearer node keeps its position and takes the nearer source.</item>
    /// <item>Insights: the target's own first, then its ancestors' nearest first; an exact duplicate is kept
    /// once, with the nearest source. Within a node, layer order applies.</item>
    /// <item><see cref="ResolvedContext.InheritanceDepth"/> = the number of ancestors that supplied at least
    /// one resolved value.</item>
    /// <item><see cref="ResolvedContext.SpecificityScore"/> = round(own / total, 4), where total counts the
    /// resolved values (the summary, the purpose, each technology, each tag and each insight) and own counts
    /// those whose source is the target itself; 1.0 when nothing is resolved. Midpoints round away from zero.</item>
    /// </list>
    /// All string comparisons are ordinal.
    /// </remarks>
    /// <exception cref="ArgumentException">The chain is empty, or a node has two layers with the same name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CascadeOptions.MaxDepth"/> is negative.</exception>
    public static ResolvedContext Resolve(
        IReadOnlyList<NodeLayers> chainRootFirst,
        IReadOnlySet<string> readingRoles,
        CascadeOptions options)
    {
        ArgumentNullException.ThrowIfNull(chainRootFirst);
        ArgumentNullException.ThrowIfNull(readingRoles);
        ArgumentNullException.ThrowIfNull(options);
        if (chainRootFirst.Count == 0)
        {
            throw new ArgumentException("The chain must end with the target node.", nameof(chainRootFirst));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxDepth, nameof(options));

        var target = chainRootFirst.Count - 1;
        var first = Math.Max(0, target - options.MaxDepth);
        var layersByIndex = new List<ContextLayer>[target - first + 1];
        for (var i = first; i <= target; i++)
        {
            layersByIndex[i - first] = ReadableLayersInOrder(chainRootFirst[i], readingRoles)
                ?? throw new ArgumentException(
                    $"Node '{chainRootFirst[i].Source}' has more than one layer with the same name.",
                    nameof(chainRootFirst));
        }

        (string Value, int Source)? summary = null;
        (string Value, int Source)? purpose = null;
        var technologies = new CascadeValueSet();
        var tags = new CascadeValueSet();
        for (var i = first; i <= target; i++)
        {
            foreach (var layer in layersByIndex[i - first])
            {
                if (layer.Data.Summary is { } layerSummary)
                {
                    summary = (layerSummary, i);
                }

                if (layer.Data.Purpose is { } layerPurpose)
                {
                    purpose = (layerPurpose, i);
                }

                technologies.Apply(layer.Data.Technologies, i);
                tags.Apply(layer.Data.Tags, i);
            }
        }

        var insights = new List<(string Value, int Source)>();
        var seenInsights = new HashSet<string>(StringComparer.Ordinal);
        for (var i = target; i >= first; i--)
        {
            foreach (var layer in layersByIndex[i - first])
            {
                foreach (var insight in layer.Data.Insights)
                {
                    if (seenInsights.Add(insight))
                    {
                        insights.Add((insight, i));
                    }
                }
            }
        }

        var tally = new SourceTally(target);
        tally.Count(summary);
        tally.Count(purpose);
        var resolvedTechnologies = technologies.InOrder();
        var resolvedTags = tags.InOrder();
        tally.CountAll(resolvedTechnologies);
        tally.CountAll(resolvedTags);
        tally.CountAll(insights);

        var data = new ContextData
        {
            Summary = summary?.Value,
            Purpose = purpose?.Value,
            Technologies = Values(resolvedTechnologies),
            Tags = Values(resolvedTags),
            Insights = Values(insights),
        };
        var inheritedFrom = new InheritedFrom(
            summary is { } s ? chainRootFirst[s.Source].Source : null,
            purpose is { } p ? chainRootFirst[p.Source].Source : null,
            Sources(resolvedTechnologies, chainRootFirst),
            Sources(resolvedTags, chainRootFirst),
            Sources(insights, chainRootFirst));

        return new ResolvedContext(
            data,
            inheritedFrom,
            tally.ContributingAncestors,
            tally.SpecificityScore,
            HasReadableOwnLayer: layersByIndex[^1].Count > 0);
    }

    /// <summary>The node's readable layers in application order; null when two layers share a name.</summary>
    private static List<ContextLayer>? ReadableLayersInOrder(NodeLayers node, IReadOnlySet<string> readingRoles)
    {
        var ordered = node.Layers.ToList();
        ordered.Sort(CompareLayers);
        for (var i = 1; i < ordered.Count; i++)
        {
            if (string.Equals(ordered[i - 1].LayerName, ordered[i].LayerName, StringComparison.Ordinal))
            {
                // Two layers with one name would make the result depend on input order.
                return null;
            }
        }

        ordered.RemoveAll(layer => !layer.IsReadableBy(readingRoles));
        return ordered;
    }

    private static int CompareLayers(ContextLayer a, ContextLayer b) =>
        a.IsBase != b.IsBase
            ? (a.IsBase ? -1 : 1)
            : string.CompareOrdinal(a.LayerName, b.LayerName);

    private static ReadOnlyCollection<string> Values(List<(string Value, int Source)> resolved) =>
        Array.AsReadOnly(resolved.Select(entry => entry.Value).ToArray());

    private static ReadOnlyDictionary<string, string> Sources(
        List<(string Value, int Source)> resolved,
        IReadOnlyList<NodeLayers> chain)
    {
        // OrderedDictionary keeps the provenance in the order of the resolved list.
        var sources = new OrderedDictionary<string, string>(resolved.Count, StringComparer.Ordinal);
        foreach (var (value, source) in resolved)
        {
            sources.Add(value, chain[source].Source);
        }

        return new ReadOnlyDictionary<string, string>(sources);
    }
}
