using Slurp.Abstractions.Context;
using Slurp.Domain.Access;
using Slurp.Domain.Context;
using Slurp.Domain.Versions;

namespace Slurp.Host.Context;

/// <summary>Converts between the wire/storage forms and the domain forms of context content.</summary>
internal static class ContextMapping
{
    public static ContextData ToDomain(this ContextContent? content) => content is null
        ? ContextData.Empty
        : new ContextData
        {
            Summary = content.Summary,
            Purpose = content.Purpose,
            Technologies = content.Technologies,
            Tags = content.Tags,
            Insights = content.Insights,
        };

    public static ContextContent ToWire(this ContextData data) => new()
    {
        Summary = data.Summary,
        Purpose = data.Purpose,
        Technologies = [.. data.Technologies],
        Tags = [.. data.Tags],
        Insights = [.. data.Insights],
    };

    public static ContextData ToDomain(this ContextDataBody body) => new()
    {
        Summary = body.Summary,
        Purpose = body.Purpose,
        Technologies = body.Technologies ?? [],
        Tags = body.Tags ?? [],
        Insights = body.Insights ?? [],
    };

    public static ContextDataView ToView(this ContextData data) =>
        new(data.Summary, data.Purpose, data.Technologies, data.Tags, data.Insights);

    /// <summary>
    /// A stored version as one link of a cascade chain. Each layer's readers are narrowed to the roles whose
    /// scopes cover the node's path, so a role reads a layer only when it is both listed and in scope.
    /// </summary>
    public static NodeLayers ToChainLink(StoredVersion? version, string source, IReadOnlySet<string> rolesInScope) =>
        new(source, version is null || version.IsTombstone
            ? []
            : [.. version.Layers.Select(l => new ContextLayer(
                l.LayerName,
                [.. l.Readers.Where(rolesInScope.Contains)],
                l.Content.ToDomain()))]);

    /// <summary>The hashed content of a stored version (tombstones hash as empty content).</summary>
    public static VersionContent ToContent(this StoredVersion version, Func<string, bool>? overlayVisible = null)
    {
        var data = ContextData.Empty;
        var overlays = new Dictionary<string, ContextData>(StringComparer.Ordinal);
        foreach (var layer in version.Layers)
        {
            if (layer.LayerName == ContextLayer.BaseName)
            {
                data = layer.Content.ToDomain();
            }
            else if (overlayVisible?.Invoke(layer.LayerName) ?? true)
            {
                overlays[layer.LayerName] = layer.Content.ToDomain();
            }
        }

        AccessLevels.TryParse(version.Classification, out var classification);
        return new VersionContent(data, classification, version.Readers, overlays);
    }
}
