using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;
using Slurp.Domain.Versions;

namespace Slurp.Grains.Context;

/// <summary>
/// One context node. Orleans' single activation plus the storage ETag make it the node's only writer:
/// a stale activation's write fails and is not applied. Rules about versions live in Slurp.Domain.
/// </summary>
public sealed class ContextNodeGrain(
    [PersistentState("node", StorageNames.Context)] IPersistentState<ContextNodeState> state,
    TimeProvider clock) : Grain, IContextNodeGrain
{
    private const string TombstoneHash = "tombstone";

    private ContextNodeState S => state.State;

    public async Task<MutationResult> WriteAsync(WriteCommand command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (IdempotencyLog.TryReplay(S, command.Attribution, now) is { } replay)
        {
            return replay;
        }

        StoredVersion? head = null;
        if (S.Versions.Count == 0)
        {
            if (command.Branch != BranchName.Main)
            {
                return BranchMissing(command.Branch);
            }
        }
        else if (!S.BranchHeads.TryGetValue(command.Branch, out var headVersion))
        {
            return BranchMissing(command.Branch);
        }
        else
        {
            head = Find(headVersion);
        }

        var headNumber = head?.Version ?? 0;
        if (command.ExpectedVersion is { } expected && expected != headNumber)
        {
            return new MutationResult
            {
                Status = MutationStatus.Conflict,
                Version = head,
                Detail = $"expected_version is {expected} but the head of branch '{command.Branch}' is {headNumber}",
            };
        }

        if (head is { IsTombstone: false } && head.ContentHash == command.Content.ContentHash)
        {
            return await RememberAsync(command.Attribution, new MutationResult { Status = MutationStatus.Unchanged, Version = head }, now, persist: true);
        }

        var created = S.Versions.Count == 0;
        var version = NewVersion(command.Branch, head, command.Attribution, now) with
        {
            ContentHash = command.Content.ContentHash,
            Classification = command.Content.Classification,
            Readers = command.Content.Readers,
            Layers = command.Content.Layers,
        };
        return await AppendAsync(version, command.Attribution, created ? MutationStatus.Created : MutationStatus.Updated, now);
    }

    public Task<ReadResult> ReadAsync(string branch, TemporalRequest temporal, CancellationToken cancellationToken = default)
    {
        if (S.Versions.Count == 0)
        {
            return Task.FromResult(new ReadResult { Status = ReadStatus.NodeNotFound, Detail = "no context has been written at this address" });
        }

        if (!S.BranchHeads.TryGetValue(branch, out var head))
        {
            return Task.FromResult(new ReadResult { Status = ReadStatus.BranchNotFound, Detail = $"the node has no branch '{branch}'" });
        }

        var lineage = VersionHistory.Lineage(S.Versions, head);
        var selection = VersionHistory.Select(S.Versions, lineage, ToQuery(temporal));
        if (!selection.IsFound)
        {
            return Task.FromResult(new ReadResult { Status = ReadStatus.VersionNotFound, Detail = selection.Detail });
        }

        var found = selection.Entry!;
        return Task.FromResult(found.IsTombstone
            ? new ReadResult { Status = ReadStatus.Gone, Version = found, Detail = $"the node was deleted in version {found.Version}" }
            : new ReadResult { Status = ReadStatus.Found, Version = found });
    }

    public Task<StoredVersion?> GetCascadeVersionAsync(string branch, DateTimeOffset? asOf, CancellationToken cancellationToken = default)
    {
        if (!S.BranchHeads.TryGetValue(branch, out var head) && !S.BranchHeads.TryGetValue(BranchName.Main, out head))
        {
            return Task.FromResult<StoredVersion?>(null);
        }

        var lineage = VersionHistory.Lineage(S.Versions, head);
        StoredVersion? current = asOf is { } instant ? lineage.FirstOrDefault(v => v.CreatedAt <= instant) : lineage.FirstOrDefault();
        return Task.FromResult(current is { IsTombstone: false } ? current : null);
    }

    public Task<StoredVersion[]> GetHistoryAsync(string branch, CancellationToken cancellationToken = default) =>
        Task.FromResult(S.BranchHeads.TryGetValue(branch, out var head)
            ? VersionHistory.Lineage(S.Versions, head).ToArray()
            : []);

    public async Task<MutationResult> RollbackAsync(string branch, int toVersion, Attribution attribution, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (IdempotencyLog.TryReplay(S, attribution, now) is { } replay)
        {
            return replay;
        }

        if (!TryHead(branch, out var head, out var missing))
        {
            return missing;
        }

        var target = Find(toVersion);
        if (target is null)
        {
            return new MutationResult
            {
                Status = MutationStatus.NotFound,
                Detail = $"version {toVersion} does not exist; the node has versions 1 to {S.Versions[^1].Version}",
            };
        }

        if (target.IsTombstone)
        {
            return new MutationResult { Status = MutationStatus.Conflict, Detail = $"version {toVersion} is a deletion; roll back to a version with content" };
        }

        if (!head.IsTombstone && head.ContentHash == target.ContentHash)
        {
            return await RememberAsync(attribution, new MutationResult { Status = MutationStatus.Unchanged, Version = head }, now, persist: true);
        }

        var version = NewVersion(branch, head, attribution, now) with
        {
            ContentHash = target.ContentHash,
            Classification = target.Classification,
            Readers = target.Readers,
            Layers = target.Layers,
            EncryptionVersion = target.EncryptionVersion,
        };
        return await AppendAsync(version, attribution, MutationStatus.Updated, now);
    }

    public async Task<MutationResult> DeleteAsync(string branch, Attribution attribution, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (IdempotencyLog.TryReplay(S, attribution, now) is { } replay)
        {
            return replay;
        }

        if (!TryHead(branch, out var head, out var missing))
        {
            return missing;
        }

        if (head.IsTombstone)
        {
            return new MutationResult { Status = MutationStatus.Gone, Version = head, Detail = $"the node was already deleted in version {head.Version}" };
        }

        var tombstone = NewVersion(branch, head, attribution, now) with
        {
            ContentHash = TombstoneHash,
            IsTombstone = true,
            Classification = head.Classification,
            Readers = head.Readers,
        };
        return await AppendAsync(tombstone, attribution, MutationStatus.Updated, now);
    }

    public async Task<MutationResult> CreateBranchAsync(string name, int fromVersion, Attribution attribution, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (IdempotencyLog.TryReplay(S, attribution, now) is { } replay)
        {
            return replay;
        }

        if (S.Versions.Count == 0)
        {
            return new MutationResult { Status = MutationStatus.NotFound, Detail = "no context has been written at this address" };
        }

        if (S.BranchHeads.ContainsKey(name))
        {
            return new MutationResult { Status = MutationStatus.Conflict, Detail = $"branch '{name}' already exists" };
        }

        var from = Find(fromVersion);
        if (from is null)
        {
            return new MutationResult
            {
                Status = MutationStatus.NotFound,
                Detail = $"version {fromVersion} does not exist; the node has versions 1 to {S.Versions[^1].Version}",
            };
        }

        S.BranchHeads[name] = fromVersion;
        try
        {
            return await RememberAsync(attribution, new MutationResult { Status = MutationStatus.BranchCreated, Version = from }, now, persist: true);
        }
        catch
        {
            S.BranchHeads.Remove(name);
            throw;
        }
    }

    public Task<Dictionary<string, int>> GetBranchesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new Dictionary<string, int>(S.BranchHeads));

    public async Task RegisterChildAsync(string childName, CancellationToken cancellationToken = default)
    {
        var index = S.Children.BinarySearch(childName, StringComparer.Ordinal);
        if (index >= 0)
        {
            return;
        }

        // A folder learns of a child before the child's first version is stored, and registers itself
        // with its own parent first, so a crash never leaves a stored node missing from the tree.
        await EnsureRegisteredWithParentAsync();
        S.Children.Insert(~index, childName);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            S.Children.Remove(childName);
            throw;
        }
    }

    public Task<string[]> GetChildrenAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(S.Children.ToArray());

    private async Task<MutationResult> AppendAsync(StoredVersion version, Attribution attribution, MutationStatus status, DateTimeOffset now)
    {
        await EnsureRegisteredWithParentAsync();
        var previousHead = S.BranchHeads.TryGetValue(version.Branch, out var h) ? h : (int?)null;
        S.Versions.Add(version);
        S.BranchHeads[version.Branch] = version.Version;
        try
        {
            return await RememberAsync(attribution, new MutationResult { Status = status, Version = version }, now, persist: true);
        }
        catch
        {
            // Undo in memory what storage refused, so this activation never serves an unacknowledged version.
            S.Versions.RemoveAt(S.Versions.Count - 1);
            if (previousHead is { } p)
            {
                S.BranchHeads[version.Branch] = p;
            }
            else
            {
                S.BranchHeads.Remove(version.Branch);
            }

            throw;
        }
    }

    private async Task<MutationResult> RememberAsync(Attribution attribution, MutationResult result, DateTimeOffset now, bool persist)
    {
        if (attribution.IdempotencyKey is null)
        {
            if (persist && result.Status != MutationStatus.Unchanged)
            {
                await state.WriteStateAsync();
            }

            return result;
        }

        var before = S.Idempotency.ToList();
        IdempotencyLog.Remember(S, attribution, result, now);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            S.Idempotency = before;
            throw;
        }

        return result;
    }

    private async Task EnsureRegisteredWithParentAsync()
    {
        if (S.RegisteredWithParent)
        {
            return;
        }

        if (NodeKey.TryFromGrainKey(this.GetPrimaryKeyString(), out var key) && key.Parent is { } parent)
        {
            await GrainFactory.GetGrain<IContextNodeGrain>(parent.ToGrainKey()).RegisterChildAsync(key.Path.Name);
        }

        // Persisted together with the change that needed it.
        S.RegisteredWithParent = true;
    }

    private StoredVersion NewVersion(string branch, StoredVersion? head, Attribution attribution, DateTimeOffset now) => new()
    {
        Version = S.Versions.Count == 0 ? 1 : S.Versions[^1].Version + 1,
        ParentVersion = head?.Version,
        Branch = branch,
        CreatedAt = now,
        CreatedBy = attribution.CreatedBy,
        ChangeReason = attribution.ChangeReason,
        DecisionRef = attribution.DecisionRef,
        Influences = attribution.Influences,
        ContentHash = string.Empty,
        Classification = string.Empty,
    };

    private bool TryHead(string branch, out StoredVersion head, out MutationResult missing)
    {
        head = null!;
        if (S.Versions.Count == 0)
        {
            missing = new MutationResult { Status = MutationStatus.NotFound, Detail = "no context has been written at this address" };
            return false;
        }

        if (!S.BranchHeads.TryGetValue(branch, out var headVersion))
        {
            missing = BranchMissing(branch);
            return false;
        }

        head = Find(headVersion)!;
        missing = null!;
        return true;
    }

    private StoredVersion? Find(int version)
    {
        // Versions are appended in ascending order, so the number is (almost always) the index + 1.
        var index = version - 1;
        if (index >= 0 && index < S.Versions.Count && S.Versions[index].Version == version)
        {
            return S.Versions[index];
        }

        return S.Versions.Find(v => v.Version == version);
    }

    private static MutationResult BranchMissing(string branch) =>
        new() { Status = MutationStatus.BranchNotFound, Detail = $"the node has no branch '{branch}'" };

    private static TemporalQuery ToQuery(TemporalRequest temporal) =>
        new(Enum.Parse<TemporalQueryKind>(temporal.Kind), temporal.N, temporal.Instant);
}
