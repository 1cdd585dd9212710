using Slurp.Abstractions.Context;

namespace Slurp.Grains.Context;

/// <summary>
/// The leases one context node activation granted on its cascade version (<see cref="CascadeCache"/> holds the
/// other end). Before the node acknowledges a change to that version it revokes them: each holder whose lease is
/// still running is called back, and one that does not answer in time is waited out instead, so once the change
/// is acknowledged no silo uses the old version. Not thread-safe: the grain's turns serialize it.
/// </summary>
internal sealed class CascadeLeases
{
    /// <summary>How long a holder may use a leased version; also the longest a revocation waits for a silent holder.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    private static readonly long LeaseMs = (long)Lease.TotalMilliseconds;

    private readonly Dictionary<GrainId, (ICascadeCacheObserver Holder, long Until)> _holders = [];

    // Leases a previous activation of the node may have granted (it moved, or its silo died): nobody here knows
    // their holders, so the first revocation waits until they have certainly lapsed.
    private long _predecessorsUntil;

    /// <summary>Called on activation: whatever a previous activation granted lapses within <see cref="Lease"/> from now.</summary>
    public void AssumePredecessorLeases() => _predecessorsUntil = Environment.TickCount64 + LeaseMs;

    /// <summary>Records a lease for <paramref name="holder"/>, running from now.</summary>
    public void Grant(ICascadeCacheObserver holder) =>
        _holders[holder.GetGrainId()] = (holder, Environment.TickCount64 + LeaseMs);

    /// <summary>
    /// Ends every lease: calls back the holders still within theirs (in parallel), waits out any that fails or
    /// does not answer before its lease ends, and the leases a previous activation may have granted
    /// (<see cref="AssumePredecessorLeases"/>). Never throws.
    /// </summary>
    public Task RevokeAsync(string nodeKey)
    {
        var now = Environment.TickCount64;
        var pending = new List<Task>(_holders.Count + 1);
        foreach (var (holder, until) in _holders.Values)
        {
            if (until > now)
            {
                pending.Add(CallBackAsync(holder, until, nodeKey));
            }
        }

        _holders.Clear();
        if (_predecessorsUntil > now)
        {
            pending.Add(Task.Delay(TimeSpan.FromMilliseconds(_predecessorsUntil - now)));
        }

        _predecessorsUntil = 0;
        return pending.Count == 0 ? Task.CompletedTask : Task.WhenAll(pending);
    }

    private static async Task CallBackAsync(ICascadeCacheObserver holder, long until, string nodeKey)
    {
        try
        {
            await holder.InvalidateAsync(nodeKey).WaitAsync(TimeSpan.FromMilliseconds(Math.Max(1, until - Environment.TickCount64)));
        }
        catch (Exception)
        {
            // The holder's silo is gone, partitioned or slow: its copy is usable only until its lease ends, so wait that out.
            var left = until - Environment.TickCount64;
            if (left > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(left));
            }
        }
    }
}
