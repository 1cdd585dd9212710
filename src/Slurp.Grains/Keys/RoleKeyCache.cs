using System.Collections.Concurrent;
using System.Security.Cryptography;
using Slurp.Abstractions.Keys;
using Slurp.Domain.Crypto;
using Slurp.Grains.Seal;

namespace Slurp.Grains.Keys;

/// <summary>
/// This silo's unwrapped role keys, by (role, version). Keys are unwrapped with the vault's wrapping key
/// on first use and zeroed when the silo seals. The active version is asked of the role's key grain and then
/// used for the lease the grain grants (<see cref="RoleKeyGrain.ActiveLease"/>, counted from before the call, so
/// this copy lapses before the grain's lease does); a rotation waits for every lease to lapse, so once it returned
/// no silo wraps under the old version. A cached older version is checked against the ring again after
/// <see cref="Revalidate"/>, so a version retired on another silo stops working here too.
/// </summary>
public sealed class RoleKeyCache : IDisposable
{
    /// <summary>How long a cached key is used before the ring is asked whether it was retired.</summary>
    public static readonly TimeSpan Revalidate = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Role, int Version), WrappingKey> _keys = new();
    private readonly ConcurrentDictionary<(string Role, int Version), long> _checkedAt = new();
    private readonly ConcurrentDictionary<string, (RoleKeyRecord Active, long Until)> _leases = new();
    private readonly IGrainFactory _grains;
    private readonly SealVault _vault;

    public RoleKeyCache(IGrainFactory grains, SealVault vault)
    {
        _grains = grains;
        _vault = vault;
        _vault.Sealed += Clear;
    }

    /// <summary>The role's active key (created when the role has none). The key belongs to the cache: do not dispose it.</summary>
    public async Task<(int Version, WrappingKey Key)> GetActiveAsync(string role)
    {
        if (TryGetActive(role, out var leased))
        {
            return leased;
        }

        var asked = Environment.TickCount64;
        var active = await Grain(role).EnsureActiveAsync();
        _leases[role] = (active, asked + (long)RoleKeyGrain.ActiveLease.TotalMilliseconds);
        return (active.Version, Unwrap(active));
    }

    /// <summary>The role's active key while this silo's lease on it runs (no call made); false when it must be asked.</summary>
    public bool TryGetActive(string role, out (int Version, WrappingKey Key) active)
    {
        if (_leases.TryGetValue(role, out var lease) && Environment.TickCount64 < lease.Until)
        {
            active = (lease.Active.Version, Unwrap(lease.Active));
            return true;
        }

        active = default;
        return false;
    }

    /// <summary>A given version of the role's key, or null when it does not exist or was retired.</summary>
    public async Task<WrappingKey?> GetAsync(string role, int version)
    {
        if (_keys.TryGetValue((role, version), out var cached)
            && _checkedAt.TryGetValue((role, version), out var at)
            && Environment.TickCount64 - at < Revalidate.TotalMilliseconds)
        {
            return cached;
        }

        var ring = await Grain(role).GetRingAsync();
        var record = Array.Find(ring, k => k.Version == version);
        if (record is null || record.WrappedMaterial.Length == 0)
        {
            Forget(role, version);
            return null;
        }

        return Unwrap(record);
    }

    /// <summary>Forgets a retired version (and zeroes it).</summary>
    public void Forget(string role, int version)
    {
        if (_leases.TryGetValue(role, out var lease) && lease.Active.Version == version)
        {
            _leases.TryRemove(role, out _);
        }

        _checkedAt.TryRemove((role, version), out _);
        if (_keys.TryRemove((role, version), out var key))
        {
            key.Dispose();
        }
    }

    public void Dispose()
    {
        _vault.Sealed -= Clear;
        Clear();
    }

    private WrappingKey Unwrap(RoleKeyRecord record)
    {
        var id = (record.Role, record.Version);
        _checkedAt[id] = Environment.TickCount64;
        if (_keys.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var material = _vault.UseRoleKeyWrapKey(kek => KeyWrap.Unwrap(record.WrappedMaterial, kek, RoleKeyContext.For(record.Role, record.Version)));
        WrappingKey created;
        try
        {
            created = new WrappingKey(material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }

        var kept = _keys.GetOrAdd(id, created);
        if (!ReferenceEquals(kept, created))
        {
            // Another caller unwrapped the same version first: use its copy, zero this one.
            created.Dispose();
        }

        return kept;
    }

    private IRoleKeyGrain Grain(string role) => _grains.GetGrainByKey<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + role);

    private void Clear()
    {
        _leases.Clear();
        foreach (var key in _keys.Keys)
        {
            Forget(key.Role, key.Version);
        }
    }
}
