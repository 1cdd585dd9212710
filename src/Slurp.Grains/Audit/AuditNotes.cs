using Slurp.Abstractions.Context;

namespace Slurp.Grains.Audit;

/// <summary>From the wire form of an audit entry to the sink's draft.</summary>
public static class AuditNotes
{
    public static AuditDraft ToDraft(this AuditNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return new AuditDraft(note.Time, note.Agent, note.Role, note.Action, note.Address, note.Outcome, note.Detail);
    }
}
