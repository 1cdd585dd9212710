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

    /// <summary>
    /// The audit entry to commit together with the new version; when the command stores nothing (unchanged,
    /// conflict, replay) the entry is not written and <see cref="MutationResult.AuditRecorded"/> is false.
    /// </summary>
    [Id(4)] public AuditNote? Audit { get; init; }
}
