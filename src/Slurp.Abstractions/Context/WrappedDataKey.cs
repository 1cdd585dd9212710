namespace Slurp.Abstractions.Context;

/// <summary>A layer's data key wrapped for one role by one version of that role's key.</summary>
[GenerateSerializer, Immutable, Alias("slurp.WrappedDataKey")]
public sealed record WrappedDataKey
{
    [Id(0)] public required string Role { get; init; }
    [Id(1)] public required int RoleKeyVersion { get; init; }
    [Id(2)] public required byte[] Wrapped { get; init; }
}
