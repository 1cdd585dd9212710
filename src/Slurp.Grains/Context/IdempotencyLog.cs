using Slurp.Abstractions.Context;

namespace Slurp.Grains.Context;

/// <summary>
/// Bounded memory of Idempotency-Key answers for one node: the last <see cref="Capacity"/> keys,
/// none older than <see cref="Retention"/>.
/// </summary>
internal static class IdempotencyLog
{
    public const int Capacity = 128;
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// The replayed answer for a key already used, a mismatch when it was used with another request,
    /// or null when the key is new (or absent).
    /// </summary>
    public static MutationResult? TryReplay(ContextNodeState state, Attribution attribution, DateTimeOffset now)
    {
        if (attribution.IdempotencyKey is not { } key)
        {
            return null;
        }

        var record = state.Idempotency.FindLast(r => r.Key == key && now - r.CreatedAt <= Retention);
        if (record is null)
        {
            return null;
        }

        if (record.Fingerprint != attribution.RequestFingerprint)
        {
            return new MutationResult
            {
                Status = MutationStatus.IdempotencyMismatch,
                Detail = $"Idempotency-Key '{key}' was already used with a different request on this node",
            };
        }

        var version = record.Version is { } v ? state.Versions.Find(x => x.Version == v) : null;
        return new MutationResult { Status = record.Status, Version = version is null ? null : version with { Layers = [.. version.Layers.Select(l => l with { Content = null, Envelope = null, WrappedKeys = [] })] }, Replayed = true };
    }

    /// <summary>Remembers the answer to a keyed request (call before persisting, so the answer is durable with it).</summary>
    public static void Remember(ContextNodeState state, Attribution attribution, MutationResult result, DateTimeOffset now)
    {
        if (attribution.IdempotencyKey is not { } key)
        {
            return;
        }

        state.Idempotency.RemoveAll(r => now - r.CreatedAt > Retention);
        if (state.Idempotency.Count >= Capacity)
        {
            state.Idempotency.RemoveRange(0, state.Idempotency.Count - Capacity + 1);
        }

        state.Idempotency.Add(new IdempotencyRecord
        {
            Key = key,
            Fingerprint = attribution.RequestFingerprint ?? string.Empty,
            Status = result.Status,
            Version = result.Version?.Version,
            CreatedAt = now,
        });
    }
}
