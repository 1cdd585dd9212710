namespace Slurp.Abstractions.Context;

/// <summary>
/// One context node, keyed by <c>NodeKey.ToGrainKey()</c> ("node/{project}/{task}{path}").
/// Holds the node's versions, branch heads and child names; the single writer for the node.
/// </summary>
[Alias("slurp.IContextNodeGrain")]
public interface IContextNodeGrain : IGrainWithStringKey
{
    /// <summary>Appends a version to a branch, or reports why not (conflict, unchanged, replay).</summary>
    [Alias("Write")]
    Task<MutationResult> WriteAsync(WriteCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Selects a version of a branch by a temporal selector; its layers come back decrypted, only those
    /// holding a data key wrapped for one of <paramref name="roles"/> (the others are left out).
    /// </summary>
    [Alias("Read"), ReadOnly]
    Task<ReadResult> ReadAsync(string branch, TemporalRequest temporal, string[] roles, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version the cascade should use for this node as an ancestor: the head of <paramref name="branch"/>
    /// (or of main when the node has no such branch) as of <paramref name="asOf"/>, with the layers
    /// <paramref name="roles"/> may read decrypted; null when none, deleted or shredded.
    /// </summary>
    [Alias("GetCascadeVersion"), ReadOnly]
    Task<StoredVersion?> GetCascadeVersionAsync(string branch, DateTimeOffset? asOf, string[] roles, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="GetCascadeVersionAsync"/> now, leased to <paramref name="holder"/>: until the lease lapses
    /// (<c>CascadeLeases.Lease</c> from the call) the node calls <paramref name="holder"/> back before it acknowledges
    /// any change to its cascade version, so a cache may use the answer for the lease without asking again.
    /// </summary>
    [Alias("LeaseCascadeVersion"), ReadOnly]
    Task<StoredVersion?> LeaseCascadeVersionAsync(string branch, string[] roles, ICascadeCacheObserver holder, CancellationToken cancellationToken = default);

    /// <summary>The head version's metadata (no layers), or null when the node has no such branch.</summary>
    [Alias("GetHead"), ReadOnly]
    Task<StoredVersion?> GetHeadAsync(string branch, CancellationToken cancellationToken = default);

    /// <summary>The branch's lineage, newest first (metadata only, no layers).</summary>
    [Alias("GetHistory"), ReadOnly]
    Task<StoredVersion[]> GetHistoryAsync(string branch, CancellationToken cancellationToken = default);

    /// <summary>Appends a version whose content equals version <paramref name="toVersion"/>.</summary>
    [Alias("Rollback")]
    Task<MutationResult> RollbackAsync(string branch, int toVersion, Attribution attribution, CancellationToken cancellationToken = default);

    /// <summary>Appends a tombstone to a branch.</summary>
    [Alias("Delete")]
    Task<MutationResult> DeleteAsync(string branch, Attribution attribution, CancellationToken cancellationToken = default);

    /// <summary>
    /// Crypto-shredding: destroys the wrapped data keys of every version (and any clear format-0 content).
    /// The ciphertext stays but can never be decrypted again; every version written so far reads as gone.
    /// </summary>
    [Alias("Shred")]
    Task<MutationResult> ShredAsync(Attribution attribution, CancellationToken cancellationToken = default);

    /// <summary>Re-wraps this node's data keys held for <paramref name="role"/> to key version <paramref name="targetVersion"/>; returns how many.</summary>
    [Alias("Rewrap")]
    Task<int> RewrapAsync(string role, int targetVersion, CancellationToken cancellationToken = default);

    /// <summary>Creates a branch whose head is <paramref name="fromVersion"/>.</summary>
    [Alias("CreateBranch")]
    Task<MutationResult> CreateBranchAsync(string name, int fromVersion, Attribution attribution, CancellationToken cancellationToken = default);

    /// <summary>The node's branches and their head versions.</summary>
    [Alias("GetBranches"), ReadOnly]
    Task<Dictionary<string, int>> GetBranchesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a direct child by its segment name (idempotent); registers this node with its own parent. The
    /// first write this causes (here or up the tree) commits <paramref name="audit"/> with it: true when one did.
    /// </summary>
    [Alias("RegisterChild")]
    Task<bool> RegisterChildAsync(string childName, AuditNote? audit = null, CancellationToken cancellationToken = default);

    /// <summary>The names of the direct children registered so far, ordinal order.</summary>
    [Alias("GetChildren"), ReadOnly]
    Task<string[]> GetChildrenAsync(CancellationToken cancellationToken = default);
}
