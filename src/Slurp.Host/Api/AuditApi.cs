using System.Globalization;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Context;

namespace Slurp.Host.Api;

/// <summary>The audit trail (auditor, admin): filtered listing and chain verification.</summary>
internal static class AuditApi
{
    /// <summary>One audit record as listed.</summary>
    public sealed record AuditEntryView(
        long Sequence, DateTimeOffset Time, string Agent, string Role, string Action, string? Address, string Outcome, string? Detail,
        string PreviousHash, string Hash);

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/audit").WithTags("Audit");
        group.MapGet("/", List).WithName("ListAudit").WithSummary("Audit records, newest first (auditor, admin)").Produces<Page<AuditEntryView>>();
        group.MapGet("/verify", Verify).WithName("VerifyAudit").WithSummary("Check the hash chain; reports the first broken link").Produces<AuditVerification>();
        return v1;
    }

    private static async Task<IResult> List(
        string? from, string? to, string? agent, string? role, string? address, string? outcome, string? limit, string? cursor,
        HttpContext http, IAuditSink sink, AuditTrail audit)
    {
        var caller = CallerAuthentication.Caller(http);
        if (!KeysApi.MaySeeSecurity(caller))
        {
            return await audit.DenyAsync(http, AuditAction.AuditRead, "/v1/audit", string.Join(",", caller.Roles), Problems.Forbidden("only auditor and admin may read the audit log"));
        }

        var errors = new Dictionary<string, string[]>();
        var fromTime = ParseTime(from, "from", errors);
        var toTime = ParseTime(to, "to", errors);
        if (fromTime > toTime)
        {
            // An empty page would be a true answer to a question nobody meant to ask.
            errors["to"] = [$"'{to}' is before from '{from}'; give the earlier instant as from"];
        }

        if (outcome is not null && !AuditOutcomes.TryParse(outcome, out _))
        {
            errors["outcome"] = [$"'{outcome}' is not one of {string.Join(", ", AuditOutcomes.WireNames)}"];
        }

        if (!Paging.TryParse(limit, null, out var page, out var problem))
        {
            return problem!;
        }

        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                errors["cursor"] = ["pass back the next_cursor of the previous page unchanged"];
            }

            before = b;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors, "the audit filters are not valid");
        }

        await audit.AllowedAsync(http, AuditAction.AuditRead, "/v1/audit", string.Join(",", caller.Roles));
        var entries = await sink.QueryAsync(new AuditQuery
        {
            From = fromTime,
            To = toTime,
            Agent = agent,
            Role = role,
            Address = address,
            Outcome = outcome,
            BeforeSequence = before,
            Limit = page.Limit,
        }, http.RequestAborted);
        var items = entries.Select(e => new AuditEntryView(e.Sequence, e.Time, e.Agent, e.Role, e.Action, e.Address, e.Outcome, e.Detail, e.PreviousHash, e.Hash)).ToList();
        var next = items.Count == page.Limit && items[^1].Sequence > 1 ? items[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<AuditEntryView>(items, next));
    }

    private static async Task<IResult> Verify(HttpContext http, IAuditSink sink, AuditTrail audit)
    {
        var caller = CallerAuthentication.Caller(http);
        if (!KeysApi.MaySeeSecurity(caller))
        {
            return await audit.DenyAsync(http, AuditAction.AuditRead, "/v1/audit/verify", string.Join(",", caller.Roles), Problems.Forbidden("only auditor and admin may verify the audit log"));
        }

        await audit.AllowedAsync(http, AuditAction.AuditRead, "/v1/audit/verify", string.Join(",", caller.Roles));
        return TypedResults.Ok(await sink.VerifyAsync(http.RequestAborted));
    }

    private static DateTimeOffset? ParseTime(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors[name] = [$"'{text}' is not an ISO-8601 instant"];
        return null;
    }
}
