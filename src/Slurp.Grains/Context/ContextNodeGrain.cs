using Slurp.Abstractions.Context;
using Slurp.Domain.Crypto;
using Slurp.Domain.Versions;
using Slurp.Grains.Audit;
using Slurp.Grains.Seal;

namespace Slurp.Grains.Context;

/// <summary>
/// One context node. Orleans' single activation plus the storage ETag make it the node's only writer:
/// a stale activation's write fails and is not applied. Layers reach storage only as envelopes
/// (<see cref="LayerSealer"/>); rules about versions live in Slurp.Domain.
/// </summary>
public sealed class ContextNodeGrain(
    [PersistentState("node", StorageNames.Context)] IPersistentState<ContextNodeState> state,
    LayerSealer sealer,
    SealVault vault,
    TimeProvider clock) : Grain, IContextNodeGrain
{
    private const string TombstoneHash = "tombstone";

    private readonly CascadeLeases _leases = new();

    private bool _allSealed;

    private ContextNodeState S => state.State;

    private string NodeKey => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Only a node that already had children can have been anyone's ancestor under a previous activation (a
        // childless one was leased only for paths beneath it holding no node): only then are its leases unknown.
        if (S.Children.Count > 0)
        {
            _leases.AssumePredecessorLeases();
        }

        if (!vault.IsSealed)
        {
            await MigrateFormat0Async();
        }
    }

    public async Task<MutationResult> WriteAsync(WriteCommand command, CancellationToken cancellationToken = default)
    {
        await MigrateFormat0Async();
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
                Version = Metadata(head),
                Detail = $"expected_version is {expected} but the head of branch '{command.Branch}' is {headNumber}",
            };
        }

        // Storage keeps only a keyed hash of the plaintext, so equal content is detectable but not guessable.
        var contentHash = vault.UseContentHashKey(key => KeyedHash.Hmac(key, command.Content.ContentHash));
        if (head is { IsTombstone: false } && head.ContentHash == contentHash && !IsShredded(head))
        {
            var unchanged = await RememberAsync(command.Attribution, new MutationResult { Status = MutationStatus.Unchanged, Version = Metadata(head) }, now);
            return unchanged with { Children = [.. S.Children] };
        }

        // Join the tree before taking role keys: a re-wrap pass that starts after a rotation then sees this
        // node and waits for this write, instead of missing a data key wrapped under the version it retires.
        // The first write this causes up the tree commits the audit entry (fail-closed: nothing before it).
        var audit = command.Audit;
        if (await EnsureRegisteredWithParentAsync(audit))
        {
            audit = null;
        }

        var created = S.Versions.Count == 0;
        var number = NextNumber();
        var layers = new List<StoredLayer>(command.Content.Layers.Length);
        foreach (var layer in command.Content.Layers)
        {
            layers.Add(await sealer.SealAsync(NodeKey, number, layer, layer.Content ?? new ContextContent()));
        }

        var version = NewVersion(number, command.Branch, head, command.Attribution, now) with
        {
            ContentHash = contentHash,
            Classification = command.Content.Classification,
            Readers = command.Content.Readers,
            Layers = [.. layers],
            EncryptionVersion = LayerSealer.Format,
        };
        var result = await AppendAsync(version, command.Attribution, created ? MutationStatus.Created : MutationStatus.Updated, now, audit);
        return result with { AuditRecorded = result.AuditRecorded || (audit is null && command.Audit is not null), Children = [.. S.Children] };
    }

    public async Task<ReadResult> ReadAsync(string branch, TemporalRequest temporal, string[] roles, CancellationToken cancellationToken = default)
    {
        if (S.Versions.Count == 0)
        {
            return new ReadResult { Status = ReadStatus.NodeNotFound, Detail = "no context has been written at this address" };
        }

        if (!S.BranchHeads.TryGetValue(branch, out var head))
        {
            return new ReadResult { Status = ReadStatus.BranchNotFound, Detail = $"the node has no branch '{branch}'" };
        }

        var lineage = VersionHistory.Lineage(S.Versions, head);
        var selection = VersionHistory.Select(S.Versions, lineage, ToQuery(temporal));
        if (!selection.IsFound)
        {
            return new ReadResult { Status = ReadStatus.VersionNotFound, Detail = selection.Detail };
        }

        var found = selection.Entry!;
        if (found.IsTombstone)
        {
            return new ReadResult { Status = ReadStatus.Gone, Version = Metadata(found), Detail = $"the node was deleted in version {found.Version}" };
        }

        if (IsShredded(found))
        {
            return new ReadResult { Status = ReadStatus.Gone, Version = Metadata(found), Detail = $"version {found.Version} was crypto-shredded: its keys are destroyed" };
        }

        return new ReadResult { Status = ReadStatus.Found, Version = await OpenAsync(found, roles) };
    }

    public async Task<StoredVersion?> GetCascadeVersionAsync(string branch, DateTimeOffset? asOf, string[] roles, CancellationToken cancellationToken = default)
    {
        if (!S.BranchHeads.TryGetValue(branch, out var head) && !S.BranchHeads.TryGetValue(BranchName.Main, out head))
        {
            return null;
        }

        var lineage = VersionHistory.Lineage(S.Versions, head);
        var current = asOf is { } instant ? lineage.FirstOrDefault(v => v.CreatedAt <= instant) : lineage.FirstOrDefault();
        return current is null || current.IsTombstone || IsShredded(current) ? null : await OpenAsync(current, roles);
    }

    public Task<StoredVersion?> LeaseCascadeVersionAsync(string branch, string[] roles, ICascadeCacheObserver holder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holder);
        _leases.Grant(holder);
        return GetCascadeVersionAsync(branch, null, roles, cancellationToken);
    }

    public Task<StoredVersion?> GetHeadAsync(string branch, CancellationToken cancellationToken = default) =>
        Task.FromResult(S.BranchHeads.TryGetValue(branch, out var head) ? Metadata(Find(head)) : null);

    public Task<StoredVersion[]> GetHistoryAsync(string branch, CancellationToken cancellationToken = default) =>
        Task.FromResult(S.BranchHeads.TryGetValue(branch, out var head)
            ? VersionHistory.Lineage(S.Versions, head).Select(v => Metadata(v)!).ToArray()
            : []);

    public async Task<MutationResult> RollbackAsync(string branch, int toVersion, Attribution attribution, CancellationToken cancellationToken = default)
    {
        await MigrateFormat0Async();
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

        if (IsShredded(target))
        {
            return new MutationResult { Status = MutationStatus.Gone, Detail = $"version {toVersion} was crypto-shredded and cannot be restored" };
        }

        if (!head.IsTombstone && head.ContentHash == target.ContentHash && !IsShredded(head))
        {
            return await RememberAsync(attribution, new MutationResult { Status = MutationStatus.Unchanged, Version = Metadata(head) }, now);
        }

        // The copy is sealed afresh: its envelopes are bound to the new version number.
        var number = NextNumber();
        var layers = new List<StoredLayer>(target.Layers.Length);
        foreach (var layer in target.Layers)
        {
            var content = await sealer.OpenAsync(NodeKey, target.Version, layer, roles: null)
                ?? throw new InvalidOperationException($"layer '{layer.LayerName}' of version {target.Version} has no usable data key");
            layers.Add(await sealer.SealAsync(NodeKey, number, layer with { Content = null, Envelope = null, WrappedKeys = [] }, content));
        }

        var version = NewVersion(number, branch, head, attribution, now) with
        {
            ContentHash = target.ContentHash,
            Classification = target.Classification,
            Readers = target.Readers,
            Layers = [.. layers],
            EncryptionVersion = LayerSealer.Format,
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
            return new MutationResult { Status = MutationStatus.Gone, Version = Metadata(head), Detail = $"the node was already deleted in version {head.Version}" };
        }

        var tombstone = NewVersion(NextNumber(), branch, head, attribution, now) with
        {
            ContentHash = TombstoneHash,
            IsTombstone = true,
            Classification = head.Classification,
            Readers = head.Readers,
            EncryptionVersion = LayerSealer.Format,
        };
        return await AppendAsync(tombstone, attribution, MutationStatus.Updated, now);
    }

    public async Task<MutationResult> ShredAsync(Attribution attribution, CancellationToken cancellationToken = default)
    {
        if (S.Versions.Count == 0)
        {
            return new MutationResult { Status = MutationStatus.NotFound, Detail = "no context has been written at this address" };
        }

        var previous = (S.Versions.ToList(), S.ShreddedThrough);
        for (var i = 0; i < S.Versions.Count; i++)
        {
            var version = S.Versions[i];
            S.Versions[i] = version with
            {
                Layers = [.. version.Layers.Select(l => l with { Content = null, WrappedKeys = [] })],
            };
        }

        S.ShreddedThrough = S.Versions[^1].Version;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            (S.Versions, S.ShreddedThrough) = previous;
            throw;
        }
        finally
        {
            await RevokeCascadeLeasesAsync();
        }

        return new MutationResult { Status = MutationStatus.Updated, Version = Metadata(S.Versions[^1]) };
    }

    public async Task<int> RewrapAsync(string role, int targetVersion, CancellationToken cancellationToken = default)
    {
        await MigrateFormat0Async();
        var total = 0;
        var updated = new List<StoredVersion>(S.Versions.Count);
        foreach (var version in S.Versions)
        {
            var layers = new StoredLayer[version.Layers.Length];
            var changed = 0;
            for (var i = 0; i < layers.Length; i++)
            {
                (layers[i], var count) = await sealer.RewrapAsync(NodeKey, version.Version, version.Layers[i], role, targetVersion);
                changed += count;
            }

            updated.Add(changed == 0 ? version : version with { Layers = layers });
            total += changed;
        }

        if (total > 0)
        {
            var previous = S.Versions;
            S.Versions = updated;
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch
            {
                S.Versions = previous;
                throw;
            }
        }

        return total;
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
            return await RememberAsync(attribution, new MutationResult { Status = MutationStatus.BranchCreated, Version = Metadata(from) }, now, forceWrite: true);
        }
        catch
        {
            S.BranchHeads.Remove(name);
            throw;
        }
        finally
        {
            // The new branch's cascade version was main's head until now.
            await RevokeCascadeLeasesAsync();
        }
    }

    public Task<Dictionary<string, int>> GetBranchesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new Dictionary<string, int>(S.BranchHeads));

    public async Task<bool> RegisterChildAsync(string childName, AuditNote? audit = null, CancellationToken cancellationToken = default)
    {
        var index = S.Children.BinarySearch(childName, StringComparer.Ordinal);
        if (index >= 0)
        {
            return false;
        }

        // A folder learns of a child before the child's first version is stored, and registers itself
        // with its own parent first, so a crash never leaves a stored node missing from the tree.
        var recorded = await EnsureRegisteredWithParentAsync(audit);
        S.Children.Insert(~index, childName);
        try
        {
            return await WriteStateAsync(recorded ? null : audit) || recorded;
        }
        catch
        {
            S.Children.Remove(childName);
            throw;
        }
    }

    public Task<string[]> GetChildrenAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(S.Children.ToArray());

    private async Task<StoredVersion> OpenAsync(StoredVersion version, IReadOnlyCollection<string> roles)
    {
        var opened = new List<StoredLayer>(version.Layers.Length);
        foreach (var layer in version.Layers)
        {
            if (await sealer.OpenAsync(NodeKey, version.Version, layer, roles) is { } content)
            {
                opened.Add(layer with { Content = content, Envelope = null, WrappedKeys = [] });
            }
        }

        return version with { Layers = [.. opened] };
    }

    private async Task MigrateFormat0Async()
    {
        // Versions this activation adds are sealed, so once none is format 0 the scan need not run again.
        if (_allSealed || !S.Versions.Exists(v => v.EncryptionVersion == 0))
        {
            _allSealed = true;
            return;
        }

        var previous = S.Versions;
        var migrated = new List<StoredVersion>(S.Versions.Count);
        foreach (var version in S.Versions)
        {
            if (version.EncryptionVersion != 0)
            {
                migrated.Add(version);
                continue;
            }

            var layers = new List<StoredLayer>(version.Layers.Length);
            foreach (var layer in version.Layers)
            {
                layers.Add(await sealer.SealAsync(NodeKey, version.Version, layer, layer.Content ?? new ContextContent()));
            }

            migrated.Add(version with
            {
                Layers = [.. layers],
                ContentHash = version.IsTombstone ? version.ContentHash : vault.UseContentHashKey(key => KeyedHash.Hmac(key, version.ContentHash)),
                EncryptionVersion = LayerSealer.Format,
            });
        }

        S.Versions = migrated;
        try
        {
            await state.WriteStateAsync();
            _allSealed = true;
        }
        catch
        {
            S.Versions = previous;
            throw;
        }
    }

    private async Task<MutationResult> AppendAsync(StoredVersion version, Attribution attribution, MutationStatus status, DateTimeOffset now, AuditNote? audit = null)
    {
        await EnsureRegisteredWithParentAsync();
        var previousHead = S.BranchHeads.TryGetValue(version.Branch, out var h) ? h : (int?)null;
        S.Versions.Add(version);
        S.BranchHeads[version.Branch] = version.Version;
        try
        {
            return await RememberAsync(attribution, new MutationResult { Status = status, Version = Metadata(version) }, now, forceWrite: true, audit);
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
        finally
        {
            // Also after a failure: storage may have committed what it reported as failed.
            await RevokeCascadeLeasesAsync();
        }
    }

    /// <summary>Before a change to the cascade version is acknowledged, no silo may keep using the old one.</summary>
    private Task RevokeCascadeLeasesAsync() => _leases.RevokeAsync(NodeKey);

    private async Task<MutationResult> RememberAsync(
        Attribution attribution, MutationResult result, DateTimeOffset now, bool forceWrite = false, AuditNote? audit = null)
    {
        if (attribution.IdempotencyKey is null)
        {
            if (forceWrite)
            {
                return result with { AuditRecorded = await WriteStateAsync(audit) };
            }

            return result;
        }

        var before = S.Idempotency.ToList();
        IdempotencyLog.Remember(S, attribution, result, now);
        try
        {
            return result with { AuditRecorded = await WriteStateAsync(audit) };
        }
        catch
        {
            S.Idempotency = before;
            throw;
        }
    }

    /// <summary>Persists the state; with <paramref name="audit"/>, true when storage committed it in the same transaction.</summary>
    private Task<bool> WriteStateAsync(AuditNote? audit) => AuditCarrier.WriteAsync(audit, () => state.WriteStateAsync());

    /// <summary>Registers with the parent (or the project directory) once; true when that committed <paramref name="audit"/>.</summary>
    private async Task<bool> EnsureRegisteredWithParentAsync(AuditNote? audit = null)
    {
        if (S.RegisteredWithParent)
        {
            return false;
        }

        var recorded = false;
        if (Slurp.Domain.Addresses.NodeKey.TryFromGrainKey(NodeKey, out var key))
        {
            recorded = key.Parent is { } parent
                ? await GrainFactory.GetGrainByKey<IContextNodeGrain>(parent.ToGrainKey()).RegisterChildAsync(key.Path.Name, audit)
                : await GrainFactory.GetGrainByKey<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).RegisterAsync(key.Project, key.Task, audit);
        }

        // Persisted together with the change that needed it.
        S.RegisteredWithParent = true;
        return recorded;
    }

    private bool IsShredded(StoredVersion version) => version.Version <= S.ShreddedThrough;

    private int NextNumber() => S.Versions.Count == 0 ? 1 : S.Versions[^1].Version + 1;

    private static StoredVersion NewVersion(int number, string branch, StoredVersion? head, Attribution attribution, DateTimeOffset now) => new()
    {
        Version = number,
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

    /// <summary>A version's metadata: layer names and readers stay, content and keys do not.</summary>
    private static StoredVersion? Metadata(StoredVersion? version) => version is null
        ? null
        : version with { Layers = [.. version.Layers.Select(l => l with { Content = null, Envelope = null, WrappedKeys = [] })] };

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

    private StoredVersion? Find(int version) => S.Find(version);

    private static MutationResult BranchMissing(string branch) =>
        new() { Status = MutationStatus.BranchNotFound, Detail = $"the node has no branch '{branch}'" };

    private static TemporalQuery ToQuery(TemporalRequest temporal) =>
        new(Enum.Parse<TemporalQueryKind>(temporal.Kind), temporal.N, temporal.Instant);
}
