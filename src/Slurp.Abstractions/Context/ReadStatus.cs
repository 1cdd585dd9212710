namespace Slurp.Abstractions.Context;

/// <summary>How a node read ended.</summary>
[GenerateSerializer, Alias("slurp.ReadStatus")]
public enum ReadStatus
{
    Found = 0,
    /// <summary>The node has no versions.</summary>
    NodeNotFound = 1,
    BranchNotFound = 2,
    /// <summary>The temporal selector points outside the history.</summary>
    VersionNotFound = 3,
    /// <summary>The selected version is a tombstone.</summary>
    Gone = 4,
}
