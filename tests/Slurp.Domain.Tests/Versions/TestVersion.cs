using Slurp.Domain.Versions;

namespace Slurp.Domain.Tests.Versions;

/// <summary>A stored version reduced to what history rules read.</summary>
internal sealed record TestVersion(
    int Version,
    int? ParentVersion,
    string Branch,
    DateTimeOffset CreatedAt,
    bool IsTombstone = false,
    string ContentHash = "") : IVersionEntry;
