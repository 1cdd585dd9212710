namespace Slurp.Domain.Context;

/// <summary>
/// Differential storage (DESIGN.md): a write stores only what its readers do not already inherit from
/// the ancestors as they are at write time.
/// </summary>
public static class DifferentialLayer
{
    /// <summary>
    /// What to store for a new layer read by <paramref name="layerReaders"/>, given the submitted content and the
    /// ancestors (root first, the node itself excluded) as they are now.
    /// </summary>
    /// <remarks>
    /// For each reader role r, the ancestors alone are resolved for {r} with <paramref name="options"/> (the same
    /// depth budget the node will see). Then, on the de-duplicated submission: the summary (purpose) is dropped
    /// when every r inherits exactly it; a technology or tag <c>x</c> is dropped when every r inherits <c>x</c>;
    /// a <c>!x</c> is dropped when no r inherits <c>x</c>, or when the layer also adds <c>x</c> (a layer's own value
    /// outlives its removals); an insight is dropped when every r inherits exactly it. Order is kept.
    /// With no readers or no ancestors the de-duplicated submission is returned.
    /// <para>
    /// Guarantee: for each single reader r, resolving the ancestors plus a node holding the stored layer gives,
    /// for {r}, the same summary and purpose and the same sets of technologies, tags and insights as with the
    /// submitted layer. It holds against the ancestors passed in; a later ancestor change is seen through the
    /// stored (smaller) layer. To store a role overlay, pass the node's base layer as the nearest ancestor
    /// and <see cref="CascadeOptions.MaxDepth"/> + 1.
    /// </para>
    /// <para>
    /// The guarantee is per single role. A read with several roles at once can differ from the submitted layer
    /// when an ancestor layer readable by only some of them overrides the summary or purpose or removes a value.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CascadeOptions.MaxDepth"/> is negative.</exception>
    public static ContextData Compute(
        ContextData submitted,
        IReadOnlyList<NodeLayers> ancestorsRootFirst,
        IReadOnlyCollection<string> layerReaders,
        CascadeOptions options)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(ancestorsRootFirst);
        ArgumentNullException.ThrowIfNull(layerReaders);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxDepth, nameof(options));

        var layer = ContextDataNormalizer.RemoveDuplicates(submitted);
        var readers = layerReaders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (readers.Count == 0 || ancestorsRootFirst.Count == 0)
        {
            return layer;
        }

        // An empty stand-in for the node, so that the ancestors get exactly the depth budget the node will see.
        var chain = new List<NodeLayers>(ancestorsRootFirst) { NodeLayers.Empty(string.Empty) };
        // Folders above a node usually hold no context: then no reader inherits anything, and no cascade need run.
        var inherited = HoldsNoLayer(ancestorsRootFirst)
            ? readers.ConvertAll(_ => ContextData.Empty)
            : readers.ConvertAll(reader => CascadeResolver.Resolve(
                chain, new HashSet<string>(StringComparer.Ordinal) { reader }, options).Data);
        var inheritedInsights = inherited.ConvertAll(data => data.Insights.ToHashSet(StringComparer.Ordinal));

        return new ContextData
        {
            Summary = inherited.TrueForAll(data => data.Summary == layer.Summary) ? null : layer.Summary,
            Purpose = inherited.TrueForAll(data => data.Purpose == layer.Purpose) ? null : layer.Purpose,
            Technologies = KeepNotInherited(layer.Technologies, inherited.ConvertAll(data => data.Technologies)),
            Tags = KeepNotInherited(layer.Tags, inherited.ConvertAll(data => data.Tags)),
            Insights = Array.AsReadOnly(layer.Insights
                .Where(insight => !inheritedInsights.TrueForAll(set => set.Contains(insight)))
                .ToArray()),
        };
    }

    private static bool HoldsNoLayer(IReadOnlyList<NodeLayers> ancestors)
    {
        for (var i = 0; i < ancestors.Count; i++)
        {
            if (ancestors[i].Layers.Count > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<string> KeepNotInherited(
        IReadOnlyList<string> items,
        List<IReadOnlyList<string>> inheritedLists)
    {
        var inheritedByReader = inheritedLists.ConvertAll(list => list.ToHashSet(StringComparer.Ordinal));
        var added = items.Where(item => !CascadeValueSet.IsRemoval(item)).ToHashSet(StringComparer.Ordinal);
        var kept = new List<string>(items.Count);
        foreach (var item in items)
        {
            var keep = CascadeValueSet.IsRemoval(item)
                ? !added.Contains(CascadeValueSet.RemovedValue(item))
                    && inheritedByReader.Exists(inherited => inherited.Contains(CascadeValueSet.RemovedValue(item)))
                : !inheritedByReader.TrueForAll(inherited => inherited.Contains(item));
            if (keep)
            {
                kept.Add(item);
            }
        }

        return kept.AsReadOnly();
    }
}
