namespace Slurp.Abstractions.Context;

/// <summary>Append a new version with the given content to a branch.</summary>
[GenerateSerializer, Immutable, Alias("slurp.WriteCommand")]
public sealed record WriteCommand
{
    [Id(0)] public required string Branch { get; init; }

    /// <summary>When set, the write only succeeds if the branch head is this version (0 = the node must not exist).</summary>
    [Id(1)] public int? ExpectedVersion { get; init; }
    [Id(2)] public required NodeContent Content { get; init; }
    [Id(3)] public required Attribution Attribution { get; init; }
}
