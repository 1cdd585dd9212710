namespace Slurp.Abstractions.Context;

/// <summary>Who asks for a change and why; carried by every mutating node command.</summary>
[GenerateSerializer, Immutable, Alias("slurp.Attribution")]
public sealed record Attribution
{
    /// <summary>"agent:role".</summary>
    [Id(0)] public required string CreatedBy { get; init; }
    [Id(1)] public required string ChangeReason { get; init; }
    [Id(2)] public string? DecisionRef { get; init; }
    [Id(3)] public string[] Influences { get; init; } = [];

    /// <summary>The client's Idempotency-Key, if any.</summary>
    [Id(4)] public string? IdempotencyKey { get; init; }

    /// <summary>Hash of the request the key was first used with; a reuse with another request is refused.</summary>
    [Id(5)] public string? RequestFingerprint { get; init; }
}
