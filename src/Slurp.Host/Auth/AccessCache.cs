using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Slurp.Abstractions.Access;
using Slurp.Host.Configuration;
using Slurp.Host.Context;

namespace Slurp.Host.Auth;

/// <summary>
/// This silo's copies of the role catalog and of the agents it authenticated recently. Every request needs both,
/// and each lives in one grain for the whole cluster, usually on another silo: without copies a request makes two
/// more grain calls, and with several silos two more network hops. A change made through this silo drops the
/// copies at once (<see cref="Invalidate"/>); other silos see it when their copies expire, after at most
/// <see cref="AuthOptions.CacheMilliseconds"/>. Unknown tokens are never remembered, so a new agent works at once
/// everywhere, and a stream of bad tokens cannot fill the memory.
/// </summary>
public sealed class AccessCache(IGrainFactory grains, IOptions<SlurpOptions> options, TimeProvider clock)
{
    // Past this many remembered agents the copies start over: a bound, not an eviction policy; real teams are far smaller.
    internal const int MaxAgents = 10_000;

    private readonly ConcurrentDictionary<string, Copy<AgentRecord>> _agents = new(StringComparer.Ordinal);
    private Copy<RoleCatalog>? _catalog;

    // Bumped by every invalidation: a copy fetched across one is not kept, as it may predate the change.
    private long _generation;

    private TimeSpan Lifetime => TimeSpan.FromMilliseconds(Math.Max(0, options.Value.Auth.CacheMilliseconds));

    /// <summary>The role catalog, as of at most <see cref="AuthOptions.CacheMilliseconds"/> ago on this silo.</summary>
    internal async Task<RoleCatalog> CatalogAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _catalog) is { } copy && IsFresh(copy))
        {
            return copy.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var started = clock.GetTimestamp();
        var catalog = await RoleCatalog.LoadAsync(grains, cancellationToken);
        if (Lifetime > TimeSpan.Zero && generation == Interlocked.Read(ref _generation))
        {
            Volatile.Write(ref _catalog, new Copy<RoleCatalog>(catalog, started, generation));
        }

        return catalog;
    }

    /// <summary>The active agent holding the token with this hash, or null (never remembered).</summary>
    internal async Task<AgentRecord?> FindAgentAsync(string tokenHash, CancellationToken cancellationToken)
    {
        if (_agents.TryGetValue(tokenHash, out var copy) && IsFresh(copy))
        {
            return copy.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var started = clock.GetTimestamp();
        var agent = await grains.GetGrainByKey<IAgentDirectoryGrain>(IAgentDirectoryGrain.Key).FindByTokenHashAsync(tokenHash, cancellationToken);
        if (agent is null)
        {
            _agents.TryRemove(tokenHash, out _);
        }
        else if (Lifetime > TimeSpan.Zero && generation == Interlocked.Read(ref _generation))
        {
            if (_agents.Count >= MaxAgents)
            {
                _agents.Clear();
            }

            _agents[tokenHash] = new Copy<AgentRecord>(agent, started, generation);
        }

        return agent;
    }

    /// <summary>Forgets every copy: call after changing roles or agents, before answering the request that did it.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _catalog, null);
        _agents.Clear();
    }

    // Fresh: younger than the lifetime (counted from before the fetch began) and fetched after the last invalidation.
    private bool IsFresh<T>(Copy<T> copy) =>
        copy.Generation == Interlocked.Read(ref _generation) && clock.GetElapsedTime(copy.FetchStarted) < Lifetime;

    private sealed record Copy<T>(T Value, long FetchStarted, long Generation);
}
