namespace Slurp.Abstractions.Context;

/// <summary>The outcome of a mutating node command: a status, the version it produced or found, a detail.</summary>
[GenerateSerializer, Immutable, Alias("slurp.MutationResult")]
public sealed record MutationResult
{
    [Id(0)] public required MutationStatus Status { get; init; }
    [Id(1)] public StoredVersion? Version { get; init; }
    [Id(2)] public string? Detail { get; init; }

    /// <summary>True when this answer replays the first answer to the same Idempotency-Key.</summary>
    [Id(3)] public bool Replayed { get; init; }

    /// <summary>True when the command's <see cref="WriteCommand.Audit"/> entry was committed with its change.</summary>
    [Id(4)] public bool AuditRecorded { get; init; }

    /// <summary>
    /// <see cref="IContextNodeGrain.WriteAsync"/>: the node's direct children when it answered, so the caller
    /// can describe the node without asking again; null elsewhere (and in a replayed answer).
    /// </summary>
    [Id(5)] public string[]? Children { get; init; }
}
