using Slurp.Domain.Audit;

namespace Slurp.Grains.Audit;

/// <summary>An audit event before the sink gives it a sequence number and chains it.</summary>
public sealed record AuditDraft(
    DateTimeOffset Time, string Agent, string Role, string Action, string? Address, string Outcome, string? Detail)
{
    /// <summary>
    /// Throws what the chain would throw for this draft (unknown action or outcome, broken text). Sinks call it
    /// before queueing: inside a group commit the failure would roll back every write that shares the batch.
    /// </summary>
    public void EnsureChainable() =>
        _ = AuditChain.Append(AuditChain.GenesisHash, AuditChain.FirstSequence, Time, Agent, Role, Action, Address, Outcome, Detail);
}
