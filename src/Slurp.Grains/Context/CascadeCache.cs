using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Slurp.Abstractions.Context;
using Slurp.Grains.Seal;

namespace Slurp.Grains.Context;

/// <summary>
/// This silo's ancestor versions for the cascade (DESIGN.md: "resolution must not cost depth × storage reads on the
/// hot path: cache … and invalidate on ancestor change"). A version is asked of its node as a lease
/// (<see cref="IContextNodeGrain.LeaseCascadeVersionAsync"/>) and used for <see cref="CascadeLeases.Lease"/>, counted
/// from before the call, so this copy lapses before the node's lease does. The node calls
/// <see cref="InvalidateAsync"/> before it acknowledges a change, so a write that was acknowledged is seen by every
/// later cascade on every silo. Entries hold decrypted layers: they live one lease at most and go when the silo seals.
/// </summary>
public sealed class CascadeCache : ICascadeCacheObserver, IDisposable
{
    /// <summary>Nodes with entries above which expired ones are swept (and new ones not kept until some expire).</summary>
    public const int Capacity = 100_000;

    private static readonly Meter Meter = new("Slurp.Cascade");
    private static readonly Counter<long> HitCounter = Meter.CreateCounter<long>("slurp.cascade.ancestor_cache.hits", description: "Ancestor versions the cascade took from the silo's cache");
    private static readonly Counter<long> MissCounter = Meter.CreateCounter<long>("slurp.cascade.ancestor_cache.misses", description: "Ancestor versions the cascade leased from their node");

    private readonly ConcurrentDictionary<string, NodeEntries> _nodes = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly SealVault _vault;
    private readonly Lazy<ICascadeCacheObserver> _self;
    private long _hits;
    private long _misses;
    private long _sweptAt;

    public CascadeCache(IGrainFactory grains, SealVault vault)
    {
        _grains = grains;
        _vault = vault;
        // Created on first use: the silo's runtime must be running to address this object.
        _self = new Lazy<ICascadeCacheObserver>(() => _grains.CreateObjectReference<ICascadeCacheObserver>(this));
        _vault.Sealed += Clear;
    }

    /// <summary>The longest a copy is used: the node's lease (<see cref="CascadeLeases.Lease"/>).</summary>
    public static TimeSpan Lease => CascadeLeases.Lease;

    /// <summary>Versions answered from the cache so far.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Versions leased from their node so far.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// The cascade version (current, not as of an instant) of the node <paramref name="nodeKey"/> on
    /// <paramref name="branch"/> with the layers <paramref name="roles"/> may read decrypted: the cached copy while
    /// its lease runs, else leased from the node.
    /// </summary>
    public Task<StoredVersion?> GetAsync(string nodeKey, string branch, string[] roles, CancellationToken cancellationToken) =>
        TryGet(nodeKey, branch, roles, out var cached) ? Task.FromResult(cached) : LeaseAsync(nodeKey, branch, roles, cancellationToken);

    /// <summary>The cached copy, when there is one within its lease (counted as a hit); else false, and nothing is counted.</summary>
    public bool TryGet(string nodeKey, string branch, string[] roles, out StoredVersion? version)
    {
        var now = Environment.TickCount64;
        if (_nodes.TryGetValue(nodeKey, out var entries))
        {
            lock (entries)
            {
                if (entries.Items.TryGetValue((branch, new RoleSet(roles)), out var cached) && now < cached.Until)
                {
                    Interlocked.Increment(ref _hits);
                    HitCounter.Add(1);
                    version = cached.Version;
                    return true;
                }
            }
        }

        version = null;
        return false;
    }

    /// <summary>Leases the version from its node (a miss) and keeps it unless the node called back meanwhile.</summary>
    public async Task<StoredVersion?> LeaseAsync(string nodeKey, string branch, string[] roles, CancellationToken cancellationToken)
    {
        var key = (branch, RoleSet.Kept(roles));
        var asked = Environment.TickCount64;
        var entries = _nodes.GetOrAdd(nodeKey, static _ => new NodeEntries());
        long generation;
        lock (entries)
        {
            generation = entries.Generation;
        }

        Interlocked.Increment(ref _misses);
        MissCounter.Add(1);
        var version = await _grains.GetGrainByKey<IContextNodeGrain>(nodeKey).LeaseCascadeVersionAsync(branch, roles, _self.Value, cancellationToken);
        if (!_vault.IsSealed)
        {
            Keep(entries, generation, key, version, asked + (long)Lease.TotalMilliseconds);
        }

        return version;
    }

    /// <summary>Called by a node before it acknowledges a change: drops its entries, and any answer still on its way.</summary>
    public Task InvalidateAsync(string nodeKey)
    {
        if (_nodes.TryGetValue(nodeKey, out var entries))
        {
            lock (entries)
            {
                entries.Generation++;
                entries.Items.Clear();
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _vault.Sealed -= Clear;
        Clear();
    }

    private void Keep(NodeEntries entries, long generation, (string, RoleSet) key, StoredVersion? version, long until)
    {
        if (_nodes.Count > Capacity)
        {
            Sweep();
        }

        lock (entries)
        {
            // An invalidation since the call began means the answer may already be old: do not keep it.
            if (entries.Generation == generation && _nodes.Count <= Capacity)
            {
                entries.Items[key] = (version, until);
            }
        }
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _sweptAt);
        if (now - last < 1000 || Interlocked.CompareExchange(ref _sweptAt, now, last) != last)
        {
            return;
        }

        foreach (var (nodeKey, entries) in _nodes)
        {
            lock (entries)
            {
                if (entries.Items.Values.All(e => e.Until <= now))
                {
                    // An answer on its way to this bucket lands in a bucket no lookup finds: harmless.
                    _nodes.TryRemove(nodeKey, out _);
                }
            }
        }
    }

    private void Clear()
    {
        foreach (var entries in _nodes.Values)
        {
            lock (entries)
            {
                entries.Generation++;
                entries.Items.Clear();
            }
        }

        _nodes.Clear();
    }

    private sealed class NodeEntries
    {
        public long Generation;

        public Dictionary<(string Branch, RoleSet Roles), (StoredVersion? Version, long Until)> Items { get; } = [];
    }

    /// <summary>
    /// The roles a copy was opened for, as a set: equal whatever the order they were given in. Compared as a sorted
    /// array rather than joined into one string, which cost an allocation per ancestor per request.
    /// </summary>
    private readonly struct RoleSet : IEquatable<RoleSet>
    {
        private readonly string[] _sorted;
        private readonly int _hash;

        // Roles come sorted from the catalog most of the time: then the array is used as it is.
        public RoleSet(string[] roles)
        {
            _sorted = IsSorted(roles) ? roles : [.. roles.Order(StringComparer.Ordinal)];
            var hash = new HashCode();
            foreach (var role in _sorted)
            {
                hash.Add(role, StringComparer.Ordinal);
            }

            _hash = hash.ToHashCode();
        }

        /// <summary>A set to keep in the cache: on an array of its own (the caller's stays the caller's).</summary>
        public static RoleSet Kept(string[] roles) =>
            new(IsSorted(roles) ? [.. roles] : [.. roles.Order(StringComparer.Ordinal)]);

        public bool Equals(RoleSet other) => _hash == other._hash && _sorted.AsSpan().SequenceEqual(other._sorted);

        public override bool Equals(object? obj) => obj is RoleSet other && Equals(other);

        public override int GetHashCode() => _hash;

        private static bool IsSorted(string[] roles)
        {
            for (var i = 1; i < roles.Length; i++)
            {
                if (string.CompareOrdinal(roles[i - 1], roles[i]) > 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
