namespace Slurp.Abstractions.Context;

/// <summary>
/// The audit entry a front door decided on for a command, handed to the grain so that the storage write that
/// makes the command take effect commits the entry in the same transaction (fail-closed at the cost of one
/// commit, not two). The sink chains it: this carries no sequence number or hash.
/// </summary>
[GenerateSerializer, Immutable, Alias("slurp.AuditNote")]
public sealed record AuditNote
{
    [Id(0)] public required DateTimeOffset Time { get; init; }
    [Id(1)] public required string Agent { get; init; }
    [Id(2)] public required string Role { get; init; }
    [Id(3)] public required string Action { get; init; }
    [Id(4)] public string? Address { get; init; }
    [Id(5)] public required string Outcome { get; init; }
    [Id(6)] public string? Detail { get; init; }
}
