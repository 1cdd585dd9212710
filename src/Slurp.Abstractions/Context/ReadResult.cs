namespace Slurp.Abstractions.Context;

/// <summary>The version a read selected, or why there is none.</summary>
[GenerateSerializer, Immutable, Alias("slurp.ReadResult")]
public sealed record ReadResult
{
    [Id(0)] public required ReadStatus Status { get; init; }
    [Id(1)] public StoredVersion? Version { get; init; }
    [Id(2)] public string? Detail { get; init; }
}
