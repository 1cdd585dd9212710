namespace Slurp.Abstractions.Context;

/// <summary>How a mutating node command ended.</summary>
[GenerateSerializer, Alias("slurp.MutationStatus")]
public enum MutationStatus
{
    /// <summary>The first version of the node was written.</summary>
    Created = 0,
    /// <summary>A new version was appended.</summary>
    Updated = 1,
    /// <summary>The content equals the head; nothing was written.</summary>
    Unchanged = 2,
    /// <summary>expected_version did not match the head, or the command conflicts with the node's state.</summary>
    Conflict = 3,
    /// <summary>The named branch does not exist.</summary>
    BranchNotFound = 4,
    /// <summary>The node (or the version named) does not exist.</summary>
    NotFound = 5,
    /// <summary>The node's head is a tombstone.</summary>
    Gone = 6,
    /// <summary>The Idempotency-Key was used before with a different request.</summary>
    IdempotencyMismatch = 7,
    /// <summary>A branch was created.</summary>
    BranchCreated = 8,
}
