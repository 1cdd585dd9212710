using Microsoft.Extensions.Options;
using Slurp.Abstractions.Access;
using Slurp.Domain.Audit;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Configuration;
using Slurp.Host.Context;

namespace Slurp.Host.Api;

/// <summary>The access-control matrix: list roles, create or change one (admin).</summary>
internal static class RolesApi
{
    public sealed record PutRoleBody
    {
        public string? AccessLevel { get; init; }
        public List<string>? Scopes { get; init; }
        public bool? CanWrite { get; init; }
    }

    /// <summary>A role as the API shows it.</summary>
    public sealed record RoleView(string Name, string AccessLevel, IReadOnlyList<string> Scopes, bool CanWrite);

    public static RouteGroupBuilder MapRoles(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/roles").WithTags("Roles");
        group.MapGet("/", GetRoles).WithName("GetRoles").WithSummary("List the roles").Produces<Page<RoleView>>();
        group.MapPut("/{name}", PutRole).WithName("PutRole").WithSummary("Create or replace a role (admin)")
            .Accepts<PutRoleBody>("application/json").Produces<RoleView>();
        return v1;
    }

    public static async Task<IResult> GetRoles(string? limit, string? cursor, HttpContext http, IGrainFactory grains)
    {
        if (!Paging.TryParseName(limit, cursor, out var page, out var problem))
        {
            return problem!;
        }

        var roles = await grains.GetGrainByKey<IRoleCatalogGrain>(IRoleCatalogGrain.Key).GetRolesAsync(http.RequestAborted);
        var (items, next) = Paging.ByName(roles, r => r.Name, page);
        return TypedResults.Ok(new Page<RoleView>([.. items.Select(ToView)], next));
    }

    public static async Task<IResult> PutRole(
        string name, HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, AuditTrail audit, AccessCache access)
    {
        var ct = http.RequestAborted;
        var caller = CallerAuthentication.Caller(http);
        if (!caller.IsAdmin)
        {
            return await audit.DenyAsync(http, AuditAction.RolePut, null, string.Join(",", caller.Roles), Problems.Forbidden("only the admin role may change roles"));
        }

        var body = await JsonBodyReader.ReadAsync<PutRoleBody>(http.Request, options.Value.Api.MaxBodyBytes, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var record = new RoleRecord
        {
            Name = name,
            AccessLevel = body.Value!.AccessLevel ?? string.Empty,
            Scopes = [.. body.Value.Scopes ?? []],
            CanWrite = body.Value.CanWrite ?? false,
        };
        if (!RoleCatalog.ToDefinition(record, out _, out var errors))
        {
            return Problems.Validation(errors);
        }

        if (name == AgentIdentity.AdminRole && (!record.CanWrite || record.AccessLevel != "critical"))
        {
            return Problems.Conflict("the admin role must stay critical and able to write; it administers the cluster");
        }

        await audit.AllowedAsync(http, AuditAction.RolePut, null, AgentIdentity.AdminRole, $"role {name}");
        var created = await grains.GetGrainByKey<IRoleCatalogGrain>(IRoleCatalogGrain.Key).PutRoleAsync(record, ct);
        access.Invalidate();
        return created ? TypedResults.Created($"/v1/roles/{name}", ToView(record)) : TypedResults.Ok(ToView(record));
    }

    private static RoleView ToView(RoleRecord r) => new(r.Name, r.AccessLevel, r.Scopes, r.CanWrite);
}
