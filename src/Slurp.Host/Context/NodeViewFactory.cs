using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;
using Slurp.Domain.Context;

namespace Slurp.Host.Context;

/// <summary>Builds the API's node view from a stored version and, when resolved, its cascade.</summary>
internal static class NodeViewFactory
{
    /// <summary>How format-1 content is protected (the seed's key_derivation field).</summary>
    private const string KeyDerivationFormat1 =
        "aes-256-gcm per-layer data key; wrapped per reader role with aes-256-gcm under the role key version; role keys wrapped under hkdf-sha256(master key, \"role-key-wrap\"); master key shamir-split";

    private const string KeyDerivationFormat0 = "none: format 0 (first release) stored this version in clear until migrated";

    public static NodeView Create(
        NodeKey node, StoredVersion version, ResolvedContext resolved, bool includeProvenance,
        IReadOnlyList<string> children, IReadOnlySet<string> readingRoles, bool unchanged = false)
    {
        var overlays = version.Layers
            .Where(l => l.LayerName != ContextLayer.BaseName && readingRoles.Contains(l.LayerName))
            .ToDictionary(l => l.LayerName, l => l.Content.ToDomain().ToView(), StringComparer.Ordinal);
        return new NodeView
        {
            UcxlAddress = node.ToString(),
            ContextData = resolved.Data.ToView(),
            InheritedFrom = includeProvenance
                ? new InheritedFromView(
                    resolved.InheritedFrom.Summary,
                    resolved.InheritedFrom.Purpose,
                    resolved.InheritedFrom.Technologies,
                    resolved.InheritedFrom.Tags,
                    resolved.InheritedFrom.Insights)
                : null,
            HierarchyMetadata = new HierarchyMetadataView(
                node.Parent?.ToString(), children, resolved.InheritanceDepth, resolved.SpecificityScore),
            EncryptionMetadata = new EncryptionMetadataView(
                version.Readers, version.Classification, version.EncryptionVersion, version.EncryptionVersion == 0 ? KeyDerivationFormat0 : KeyDerivationFormat1),
            TemporalMetadata = Temporal(version),
            RoleOverlays = overlays.Count > 0 ? overlays : null,
            Unchanged = unchanged,
        };
    }

    public static TemporalMetadataView Temporal(StoredVersion version) => new(
        version.Version,
        version.ParentVersion,
        version.Branch,
        version.CreatedAt,
        version.CreatedBy,
        version.ChangeReason,
        version.DecisionRef,
        version.Influences,
        version.IsTombstone);
}
