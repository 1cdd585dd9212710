using Slurp.Abstractions.Context;

namespace Slurp.Grains.Context;

/// <summary>The first answer given to an Idempotency-Key, replayed to retries of the same request.</summary>
[GenerateSerializer, Immutable, Alias("slurp.IdempotencyRecord")]
public sealed record IdempotencyRecord
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string Fingerprint { get; init; }
    [Id(2)] public required MutationStatus Status { get; init; }
    [Id(3)] public int? Version { get; init; }
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }
}
