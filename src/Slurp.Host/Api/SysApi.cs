using Slurp.Domain.Audit;
using Slurp.Domain.Crypto;
using Slurp.Grains.Seal;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Seal;

namespace Slurp.Host.Api;

/// <summary>The seal: status, init, unseal, seal (<c>/v1/sys</c>). Status, init and unseal need no token, as in Vault.</summary>
internal static class SysApi
{
    public sealed record InitBody
    {
        public int? Shares { get; init; }
        public int? Threshold { get; init; }
    }

    public sealed record UnsealBody
    {
        public string? Key { get; init; }
        public bool? Reset { get; init; }
    }

    public static WebApplication MapSys(this WebApplication app)
    {
        var open = app.MapGroup("/v1/sys").WithTags("Seal").AddEndpointFilter<ServiceAvailability>();
        open.MapGet("/seal-status", Status).WithName("SealStatus").WithSummary("Whether this silo is initialized and sealed").Produces<SealStatusView>();
        open.MapPost("/init", Init).WithName("Init").WithSummary("Create the master key and split it into shares (once)")
            .Accepts<InitBody>("application/json").Produces<InitView>();
        open.MapPost("/unseal", Unseal).WithName("Unseal").WithSummary("Submit one unseal key share to this silo")
            .Accepts<UnsealBody>("application/json").Produces<SealStatusView>();
        app.MapGroup("/v1/sys").WithTags("Seal").AddEndpointFilter<ServiceAvailability>().AddEndpointFilter<CallerAuthentication>()
            .MapPost("/seal", Seal).WithName("Seal").WithSummary("Seal this silo: zero its keys (admin)").Produces<SealStatusView>();
        return app;
    }

    private static async Task<IResult> Status(SealCoordinator seal, HttpContext http) =>
        TypedResults.Ok(await seal.StatusAsync(http.RequestAborted));

    private static async Task<IResult> Init(HttpContext http, SealCoordinator seal, AuditTrail audit, Microsoft.Extensions.Options.IOptions<Configuration.SlurpOptions> options)
    {
        var body = await JsonBodyReader.ReadAsync<InitBody>(http.Request, options.Value.Api.MaxBodyBytes, http.RequestAborted);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (seal.Mode != SealCoordinator.ShamirMode)
        {
            return Problems.Conflict("this silo runs the dev seal (Slurp:Seal:Mode=dev), which initializes itself from its key file; set Slurp:Seal:Mode=shamir for key shares");
        }

        var shares = body.Value!.Shares ?? 5;
        var threshold = body.Value.Threshold ?? 3;
        if (shares is < 2 or > ShamirSecretSharing.MaxShares || threshold < 2 || threshold > shares)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["shares"] = [$"need 2 ≤ threshold ≤ shares ≤ {ShamirSecretSharing.MaxShares} (got shares {shares}, threshold {threshold})"],
            });
        }

        if ((await seal.StatusAsync(http.RequestAborted)).Initialized)
        {
            return await audit.FailAsync(http, AuditAction.Init, null, string.Empty, AlreadyInitialized());
        }

        await audit.RecordAsync(AuditTrail.Anonymous, string.Empty, AuditAction.Init, null, AuditOutcomes.Allowed, $"{shares} shares, threshold {threshold}", http.RequestAborted);
        var result = await seal.InitAsync(shares, threshold, http.RequestAborted);
        return result is null ? AlreadyInitialized() : TypedResults.Ok(result);
    }

    private static IResult AlreadyInitialized() => Problems.Conflict("the seal is already initialized; its shares were shown once at init");

    private static async Task<IResult> Unseal(HttpContext http, SealCoordinator seal, AuditTrail audit, Microsoft.Extensions.Options.IOptions<Configuration.SlurpOptions> options)
    {
        var ct = http.RequestAborted;
        var body = await JsonBodyReader.ReadAsync<UnsealBody>(http.Request, options.Value.Api.MaxBodyBytes, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (body.Value!.Reset == true)
        {
            seal.ResetProgress();
            return TypedResults.Ok(await seal.StatusAsync(ct));
        }

        if (!ShamirShare.TryParse(body.Value.Key, out var share, out var error))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["key"] = [body.Value.Key is null ? "key is required: one base64 share from init" : error!] });
        }

        if (share!.Y.Length != MasterKeyDerivation.MasterKeyLength)
        {
            // Every share of the master key has one value byte per key byte: a shorter or longer one was
            // truncated or mistyped, and counting it would only make the combination fail and reset the progress.
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["key"] = [$"a share of this seal holds {MasterKeyDerivation.MasterKeyLength} value bytes, this one {share.Y.Length}: is it truncated or mistyped?"],
            });
        }

        if (seal.Mode != SealCoordinator.ShamirMode)
        {
            return Problems.Conflict("this silo runs the dev seal and unseals itself from its key file");
        }

        var before = await seal.StatusAsync(ct);
        if (!before.Initialized)
        {
            return Problems.Conflict("the seal is not initialized yet: POST /v1/sys/init first");
        }

        // Recorded before the share counts (fail-closed): when the audit log cannot be written, nothing changes.
        await audit.RecordAsync(AuditTrail.Anonymous, string.Empty, AuditAction.Unseal, null, AuditOutcomes.Allowed,
            $"share {share.X} submitted (progress {before.Progress} of {before.Threshold} before)", ct);
        var (outcome, config) = await seal.UnsealAsync(share, ct);
        if (config is null)
        {
            return Problems.Conflict("the seal is not initialized yet: POST /v1/sys/init first");
        }

        if (outcome == UnsealOutcome.WrongShares)
        {
            await audit.RecordAsync(AuditTrail.Anonymous, string.Empty, AuditAction.Unseal, null, AuditOutcomes.Failed, outcome.ToString(), ct);
            return Problems.BadRequest("wrong-shares", "The shares do not combine to the master key",
                "the submitted shares do not reconstruct the master key (a wrong or mistyped share?); progress was reset");
        }

        if (outcome == UnsealOutcome.ConflictingShare)
        {
            await audit.RecordAsync(AuditTrail.Anonymous, string.Empty, AuditAction.Unseal, null, AuditOutcomes.Failed, outcome.ToString(), ct);
            return Problems.BadRequest("conflicting-share", "Two different shares have the same index",
                $"a different share with index {share.X} was submitted before: one of the two is mistyped; progress was reset, submit the shares again");
        }

        return TypedResults.Ok(await seal.StatusAsync(ct));
    }

    private static async Task<IResult> Seal(HttpContext http, SealCoordinator seal, AuditTrail audit)
    {
        var caller = CallerAuthentication.Caller(http);
        if (!caller.IsAdmin)
        {
            return await audit.DenyAsync(http, AuditAction.Seal, null, string.Join(",", caller.Roles), Problems.Forbidden("only the admin role may seal"));
        }

        if (seal.Mode == SealCoordinator.DevMode)
        {
            return await audit.FailAsync(http, AuditAction.Seal, null, AgentIdentity.AdminRole, Problems.Conflict(
                "the dev seal cannot be sealed from the API: it would unseal itself again at the next start; use Slurp:Seal:Mode=shamir"));
        }

        // Recorded before sealing: afterwards the audit HMAC key is gone.
        await audit.AllowedAsync(http, AuditAction.Seal, null, AgentIdentity.AdminRole);
        seal.Seal();
        return TypedResults.Ok(await seal.StatusAsync(http.RequestAborted));
    }
}
