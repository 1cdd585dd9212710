using Slurp.Abstractions.Context;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;
using Slurp.Host.Auth;

namespace Slurp.Host.Audit;

/// <summary>
/// Records access decisions in the audit log before they take effect: a mutation is recorded as allowed
/// before it is applied (or, for a new version, in the same transaction: <see cref="AllowedNote"/>), a read
/// before its content is returned, a denial before the 403 is sent. When the record cannot be written the
/// request fails with 503 (fail-closed) and nothing changes.
/// </summary>
public sealed class AuditTrail(IAuditSink sink, TimeProvider clock)
{
    /// <summary>The agent recorded for requests without a valid token.</summary>
    public const string Anonymous = "anonymous";

    public Task AllowedAsync(HttpContext http, string action, string? address, string role, string? detail = null) =>
        RecordAsync(http, action, address, role, AuditOutcomes.Allowed, detail);

    public Task DeniedAsync(HttpContext http, string action, string? address, string role, string? detail) =>
        RecordAsync(http, action, address, role, AuditOutcomes.Denied, detail);

    public Task FailedAsync(HttpContext http, string action, string? address, string role, string? detail) =>
        RecordAsync(http, action, address, role, AuditOutcomes.Failed, detail);

    /// <summary>
    /// An allowed decision to hand to a grain with its command (<see cref="WriteCommand.Audit"/>), so that it
    /// commits with the change; when the grain reports it unrecorded (nothing was stored), pass it to
    /// <see cref="RecordAsync(AuditNote, CancellationToken)"/>.
    /// </summary>
    public AuditNote AllowedNote(HttpContext http, string action, string? address, string role, string? detail = null) => new()
    {
        Time = clock.GetUtcNow(),
        Agent = CallerAuthentication.TryCaller(http)?.AgentId ?? Anonymous,
        Role = role,
        Action = action,
        Address = address,
        Outcome = AuditOutcomes.Allowed,
        Detail = detail,
    };

    /// <summary>Records a note the grain did not commit itself.</summary>
    public Task RecordAsync(AuditNote note, CancellationToken cancellationToken) =>
        RecordAsync(note.Agent, note.Role, note.Action, note.Address, note.Outcome, note.Detail, cancellationToken);

    /// <summary>Records an event for an explicit agent (authentication failures, seal operations).</summary>
    public async Task RecordAsync(string agent, string role, string action, string? address, string outcome, string? detail, CancellationToken cancellationToken)
    {
        try
        {
            await sink.AppendAsync(new AuditDraft(clock.GetUtcNow(), agent, role, action, address, outcome, detail), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AuditUnavailableException(ex);
        }
    }

    private Task RecordAsync(HttpContext http, string action, string? address, string role, string outcome, string? detail) =>
        RecordAsync(CallerAuthentication.TryCaller(http)?.AgentId ?? Anonymous, role, action, address, outcome, detail, http.RequestAborted);
}
