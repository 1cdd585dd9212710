using System.Text.Json.Serialization;

namespace Slurp.Host.Context;

/// <summary>A node as the API shows it (the seed's storage schema).</summary>
public sealed record NodeView
{
    public required string UcxlAddress { get; init; }
    public required ContextDataView ContextData { get; init; }

    /// <summary>Where each resolved value came from; omitted for <c>resolve=false</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InheritedFromView? InheritedFrom { get; init; }
    public required HierarchyMetadataView HierarchyMetadata { get; init; }
    public required EncryptionMetadataView EncryptionMetadata { get; init; }
    public required TemporalMetadataView TemporalMetadata { get; init; }

    /// <summary>The role overlays the reader may see (stored form), by role.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, ContextDataView>? RoleOverlays { get; init; }

    /// <summary>True when a write found content identical to the head and stored nothing.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unchanged { get; init; }
}

/// <summary>The five content fields.</summary>
public sealed record ContextDataView(
    string? Summary, string? Purpose, IReadOnlyList<string> Technologies, IReadOnlyList<string> Tags, IReadOnlyList<string> Insights);

/// <summary>Provenance of each resolved value: the address of the node it came from.</summary>
public sealed record InheritedFromView(
    string? Summary,
    string? Purpose,
    IReadOnlyDictionary<string, string> Technologies,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Insights);

/// <summary>Where the node sits in the tree and how much of its view is its own.</summary>
public sealed record HierarchyMetadataView(
    string? ParentContext, IReadOnlyList<string> ChildContexts, int InheritanceDepth, double SpecificityScore);

/// <summary>Who the content is for and how it is protected.</summary>
public sealed record EncryptionMetadataView(
    IReadOnlyList<string> EncryptedForRoles, string Classification, int EncryptionVersion, string KeyDerivation);

/// <summary>The version's attribution.</summary>
public sealed record TemporalMetadataView(
    int Version,
    int? ParentVersion,
    string Branch,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string ChangeReason,
    string? DecisionRef,
    IReadOnlyList<string> Influences,
    bool Deleted);

/// <summary>A page of a list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
