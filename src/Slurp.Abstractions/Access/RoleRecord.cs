namespace Slurp.Abstractions.Access;

/// <summary>A role of the access-control matrix in wire and storage form.</summary>
[GenerateSerializer, Immutable, Alias("slurp.RoleRecord")]
public sealed record RoleRecord
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>low, medium, high or critical.</summary>
    [Id(1)] public required string AccessLevel { get; init; }

    /// <summary>Path globs such as "/api/**".</summary>
    [Id(2)] public string[] Scopes { get; init; } = [];
    [Id(3)] public bool CanWrite { get; init; }
}
