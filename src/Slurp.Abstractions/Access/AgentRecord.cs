namespace Slurp.Abstractions.Access;

/// <summary>A registered agent. Only the SHA-256 of its bearer token is kept.</summary>
[GenerateSerializer, Immutable, Alias("slurp.AgentRecord")]
public sealed record AgentRecord
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(1)] public required string[] Roles { get; init; }
    [Id(2)] public required string TokenHash { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset? RevokedAt { get; init; }
}
