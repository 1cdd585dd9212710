namespace Slurp.Abstractions.Keys;

/// <summary>One append-only change of a role key ring, in storage form.</summary>
[GenerateSerializer, Immutable, Alias("slurp.RoleKeyChangeRecord")]
public sealed record RoleKeyChangeRecord
{
    /// <summary>created, demoted or retired.</summary>
    [Id(0)] public required string Kind { get; init; }
    [Id(1)] public required int Version { get; init; }
    [Id(2)] public required DateTimeOffset At { get; init; }
    [Id(3)] public DateTimeOffset? ExpiresAt { get; init; }
    [Id(4)] public byte[]? WrappedMaterial { get; init; }
}
