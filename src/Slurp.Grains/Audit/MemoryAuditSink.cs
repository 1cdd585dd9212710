using Slurp.Domain.Audit;

namespace Slurp.Grains.Audit;

/// <summary>A volatile audit log for the Memory storage provider and grain tests.</summary>
public sealed class MemoryAuditSink : IAuditSink
{
    private readonly Lock _lock = new();
    private readonly List<AuditEntry> _entries = [];

    public Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var previous = _entries.Count == 0 ? AuditChain.GenesisHash : _entries[^1].Hash;
            var entry = AuditChain.Append(previous, _entries.Count + 1, draft.Time, draft.Agent, draft.Role, draft.Action, draft.Address, draft.Outcome, draft.Detail);
            _entries.Add(entry);
            return Task.FromResult(entry);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<AuditEntry> page = [.. Enumerable.Reverse(_entries).Where(query.Matches).Take(query.Limit)];
            return Task.FromResult(page);
        }
    }

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(AuditChain.Verify(_entries.ToList()));
        }
    }

    public Task<AuditCounts> CountAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var recent = _entries.Where(e => e.Time >= since).ToList();
            return Task.FromResult(new AuditCounts(_entries.Count, recent.Count, recent.Count(e => e.Outcome == AuditOutcomes.Denied)));
        }
    }
}
