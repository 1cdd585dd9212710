using Slurp.Abstractions.Access;
using Slurp.Abstractions.Keys;
using Slurp.Domain.Audit;
using Slurp.Grains.Keys;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Context;

namespace Slurp.Host.Api;

/// <summary>Role keys: list versions (admin, auditor) and rotate on demand (admin).</summary>
internal static class KeysApi
{
    /// <summary>One key version as listed (never the material).</summary>
    public sealed record KeyVersionView(int Version, string Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

    /// <summary>A role's key versions and the progress of re-wrapping after its last rotation.</summary>
    public sealed record RoleKeysView(string Role, IReadOnlyList<KeyVersionView> Versions, RewrapStatus Rewrap);

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/keys").WithTags("Keys").WithMetadata(new RequiresUnsealed());
        group.MapGet("/", List).WithName("ListKeys").WithSummary("Each role's key versions (admin, auditor)").Produces<Page<RoleKeysView>>();
        group.MapPost("/{role}/rotate", Rotate).WithName("RotateKey").WithSummary("Rotate a role's key (admin)").Produces<KeyVersionView>();
        return v1;
    }

    public static bool MaySeeSecurity(AgentIdentity caller) =>
        caller.IsAdmin || caller.Roles.Contains("auditor", StringComparer.Ordinal);

    private static async Task<IResult> List(string? limit, string? cursor, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var ct = http.RequestAborted;
        if (!Paging.TryParseName(limit, cursor, out var page, out var problem))
        {
            return problem!;
        }

        var caller = CallerAuthentication.Caller(http);
        if (!MaySeeSecurity(caller))
        {
            return await audit.DenyAsync(http, AuditAction.AuditRead, "/v1/keys", string.Join(",", caller.Roles), Problems.Forbidden("only admin and auditor may list keys"));
        }

        var (roles, next) = Paging.ByName(await grains.GetGrainByKey<IRoleCatalogGrain>(IRoleCatalogGrain.Key).GetRolesAsync(ct), r => r.Name, page);
        var items = await Task.WhenAll(roles.Select(async r =>
        {
            var ring = await grains.GetGrainByKey<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + r.Name).GetRingAsync(ct);
            var rewrap = await grains.GetGrainByKey<IKeyRewrapGrain>(r.Name).GetStatusAsync();
            return new RoleKeysView(r.Name, [.. ring.Select(ToView)], rewrap);
        }));
        await audit.AllowedAsync(http, AuditAction.AuditRead, "/v1/keys", string.Join(",", caller.Roles));
        return TypedResults.Ok(new Page<RoleKeysView>(items, next));
    }

    private static async Task<IResult> Rotate(string role, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var ct = http.RequestAborted;
        var caller = CallerAuthentication.Caller(http);
        if (!caller.IsAdmin)
        {
            return await audit.DenyAsync(http, AuditAction.KeyRotate, role, string.Join(",", caller.Roles), Problems.Forbidden("only the admin role may rotate keys"));
        }

        var roles = await grains.GetGrainByKey<IRoleCatalogGrain>(IRoleCatalogGrain.Key).GetRolesAsync(ct);
        if (!roles.Any(r => r.Name == role))
        {
            return Problems.NotFound($"role '{role}' does not exist");
        }

        await audit.AllowedAsync(http, AuditAction.KeyRotate, role, AgentIdentity.AdminRole);
        var rotated = await grains.GetGrainByKey<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + role).RotateAsync(ct);
        return TypedResults.Ok(ToView(rotated));
    }

    private static KeyVersionView ToView(RoleKeyRecord r) => new(r.Version, r.State, r.CreatedAt, r.ExpiresAt);
}
