namespace Slurp.Abstractions.Keys;

/// <summary>One version of a role key as the key grain reports it; the material is wrapped by the master key.</summary>
[GenerateSerializer, Immutable, Alias("slurp.RoleKeyRecord")]
public sealed record RoleKeyRecord
{
    [Id(0)] public required string Role { get; init; }
    [Id(1)] public required int Version { get; init; }

    /// <summary>active, decrypt_only or retired.</summary>
    [Id(2)] public required string State { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The key wrapped by the master-derived wrapping key (empty once retired).</summary>
    [Id(5)] public byte[] WrappedMaterial { get; init; } = [];
}
