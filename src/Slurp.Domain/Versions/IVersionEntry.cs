namespace Slurp.Domain.Versions;

/// <summary>
/// What version-history logic needs to know about one stored version. The stored record type
/// (in Slurp.Abstractions) implements this so history rules run on grain state without copying it.
/// </summary>
public interface IVersionEntry
{
    /// <summary>Node-wide version number, 1-based, unique across branches, increasing in append order.</summary>
    int Version { get; }

    /// <summary>The version this one was written on top of (null for the first version of the node).</summary>
    int? ParentVersion { get; }

    /// <summary>The branch this version was appended to.</summary>
    string Branch { get; }

    DateTimeOffset CreatedAt { get; }

    /// <summary>True for a deletion marker: reads of it answer "gone".</summary>
    bool IsTombstone { get; }

    /// <summary>Hash of the stored content and its access metadata; equal hashes mean an identical write.</summary>
    string ContentHash { get; }
}
