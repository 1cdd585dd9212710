namespace Slurp.Abstractions.Keys;

/// <summary>Progress of a re-wrap pass.</summary>
[GenerateSerializer, Immutable, Alias("slurp.RewrapStatus")]
public sealed record RewrapStatus
{
    [Id(0)] public int TargetVersion { get; init; }
    [Id(1)] public bool Running { get; init; }
    [Id(2)] public int NodesVisited { get; init; }
    [Id(3)] public int KeysRewrapped { get; init; }
    [Id(4)] public DateTimeOffset? CompletedAt { get; init; }
    [Id(5)] public string? LastError { get; init; }
}
