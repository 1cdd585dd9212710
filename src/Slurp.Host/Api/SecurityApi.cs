using System.Text.Json.Serialization;
using Slurp.Abstractions.Access;
using Slurp.Abstractions.Keys;
using Slurp.Domain.Audit;
using Slurp.Domain.Keys;
using Slurp.Domain.Security;
using Slurp.Grains.Audit;
using Slurp.Grains.Keys;
using Slurp.Grains.Seal;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Seal;

namespace Slurp.Host.Api;

/// <summary><c>GET /v1/security/metrics</c> (admin, auditor): key health, violations, audit health and the score.</summary>
internal static class SecurityApi
{
    /// <summary>The metrics of API.md plus the score's deductions.</summary>
    public sealed record SecurityMetricsView(
        int ActiveKeys, int ExpiredKeys, int KeysDueForRotation, [property: JsonPropertyName("access_violations_24h")] long AccessViolations24h, long AuditEntries, bool Sealed,
        int SecurityScore, IReadOnlyList<string> ScoreDeductions, string SealMode, bool AuditIntact);

    public static RouteGroupBuilder MapSecurity(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/security").WithTags("Security")
            .MapGet("/metrics", Metrics).WithName("SecurityMetrics").WithSummary("Key health, violations and the security score").Produces<SecurityMetricsView>();
        return v1;
    }

    private static async Task<IResult> Metrics(
        HttpContext http, IGrainFactory grains, IAuditSink sink, SealVault vault, SealCoordinator seal, AuditTrail audit, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var caller = CallerAuthentication.Caller(http);
        if (!KeysApi.MaySeeSecurity(caller))
        {
            return await audit.DenyAsync(http, AuditAction.AuditRead, "/v1/security/metrics", string.Join(",", caller.Roles), Problems.Forbidden("only admin and auditor may read security metrics"));
        }

        await audit.AllowedAsync(http, AuditAction.AuditRead, "/v1/security/metrics", string.Join(",", caller.Roles));
        var now = clock.GetUtcNow();
        var roles = await grains.GetGrainByKey<IRoleCatalogGrain>(IRoleCatalogGrain.Key).GetRolesAsync(ct);
        var rings = await Task.WhenAll(roles.Select(r => grains.GetGrainByKey<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + r.Name).GetRingAsync(ct)));
        var active = rings.SelectMany(r => r).Where(k => k.State == "active").ToList();
        var warning = RotationPolicy.DefaultWarningWindow;
        var counts = new KeyCounts(
            active.Count,
            active.Count(k => k.ExpiresAt <= now),
            active.Count(k => k.ExpiresAt - now <= warning));

        AuditCounts? auditCounts = null;
        AuditVerification? verification = null;
        try
        {
            auditCounts = await sink.CountAsync(now.AddHours(-24), ct);
            verification = await sink.VerifyAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reported as an unhealthy audit store in the score rather than failing the metrics.
        }

        var report = SecurityScore.Compute(new SecurityInputs
        {
            ActiveKeys = counts.ActiveKeys,
            ExpiredKeys = counts.ExpiredKeys,
            KeysDueForRotation = counts.KeysDueForRotation,
            AccessViolations24h = (int)Math.Min(int.MaxValue, auditCounts?.DeniedSince ?? 0),
            Requests24h = (int)Math.Min(int.MaxValue, auditCounts?.EventsSince ?? 0),
            AuditIntact = verification?.IsIntact ?? false,
            AuditAvailable = auditCounts is not null,
            Sealed = vault.IsSealed,
            DevModeSeal = seal.Mode == SealCoordinator.DevMode,
        });
        return TypedResults.Ok(new SecurityMetricsView(
            counts.ActiveKeys, counts.ExpiredKeys, counts.KeysDueForRotation, auditCounts?.DeniedSince ?? 0, auditCounts?.Entries ?? 0,
            vault.IsSealed, report.Score, report.Deductions, seal.Mode, verification?.IsIntact ?? false));
    }
}
