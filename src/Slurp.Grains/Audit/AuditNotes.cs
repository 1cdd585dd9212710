using Slurp.Abstractions.Context;

namespace Slurp.Grains.Audit;

/// <summary>Conversions between the wire form of an audit entry and the sink's draft.</summary>
public static class AuditNotes
{
    public static AuditDraft ToDraft(this AuditNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return new AuditDraft(note.Time, note.Agent, note.Role, note.Action, note.Address, note.Outcome, note.Detail);
    }

    public static AuditNote ToNote(this AuditDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new AuditNote
        {
            Time = draft.Time,
            Agent = draft.Agent,
            Role = draft.Role,
            Action = draft.Action,
            Address = draft.Address,
            Outcome = draft.Outcome,
            Detail = draft.Detail,
        };
    }
}
