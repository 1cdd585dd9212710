using Slurp.Domain.Versions;

namespace Slurp.Abstractions.Context;

/// <summary>One immutable, attributed version of a context node (DESIGN.md "Versions").</summary>
[GenerateSerializer, Immutable, Alias("slurp.StoredVersion")]
public sealed record StoredVersion : IVersionEntry
{
    [Id(0)] public required int Version { get; init; }
    [Id(1)] public int? ParentVersion { get; init; }
    [Id(2)] public required string Branch { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>"agent:role" of the writer.</summary>
    [Id(4)] public required string CreatedBy { get; init; }

    /// <summary>The snake_case change reason.</summary>
    [Id(5)] public required string ChangeReason { get; init; }
    [Id(6)] public string? DecisionRef { get; init; }

    /// <summary>Canonical addresses this decision affected.</summary>
    [Id(7)] public string[] Influences { get; init; } = [];
    [Id(8)] public required string ContentHash { get; init; }
    [Id(9)] public bool IsTombstone { get; init; }

    /// <summary>The snake_case access level the content was classified at.</summary>
    [Id(10)] public required string Classification { get; init; }

    /// <summary>The version's <c>encrypted_for_roles</c>: who may read its base layer.</summary>
    [Id(11)] public string[] Readers { get; init; } = [];
    [Id(12)] public StoredLayer[] Layers { get; init; } = [];

    /// <summary>0 = layers held in clear (first release); 1 = envelopes with per-role wrapped data keys.</summary>
    [Id(13)] public int EncryptionVersion { get; init; }
}
