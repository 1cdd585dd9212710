using Microsoft.Extensions.Options;
using Slurp.Abstractions.Access;
using Slurp.Domain.Access;
using Slurp.Domain.Audit;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Configuration;
using Slurp.Host.Context;

namespace Slurp.Host.Api;

/// <summary>Registering and revoking agents (admin only).</summary>
internal static class AgentsApi
{
    public sealed record CreateAgentBody
    {
        public string? AgentId { get; init; }
        public List<string>? Roles { get; init; }
    }

    /// <summary>A created agent; the token is shown only here.</summary>
    public sealed record CreatedAgent(string AgentId, IReadOnlyList<string> Roles, string Token);

    public static RouteGroupBuilder MapAgents(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/agents").WithTags("Agents");
        group.MapPost("/", CreateAgent).WithName("CreateAgent").WithSummary("Register an agent and issue its token (admin)")
            .Accepts<CreateAgentBody>("application/json").Produces<CreatedAgent>(StatusCodes.Status201Created);
        group.MapDelete("/{id}", RevokeAgent).WithName("RevokeAgent").WithSummary("Revoke an agent's token (admin)")
            .Produces(StatusCodes.Status204NoContent);
        return v1;
    }

    public static async Task<IResult> CreateAgent(HttpContext http, IGrainFactory grains, IOptions<SlurpOptions> options, TimeProvider clock, AuditTrail audit)
    {
        var ct = http.RequestAborted;
        var caller = CallerAuthentication.Caller(http);
        if (!caller.IsAdmin)
        {
            return await audit.DenyAsync(http, AuditAction.AgentCreate, null, string.Join(",", caller.Roles), Problems.Forbidden("only the admin role may register agents"));
        }

        var body = await JsonBodyReader.ReadAsync<CreateAgentBody>(http.Request, options.Value.Api.MaxBodyBytes, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var catalog = await RoleCatalog.LoadAsync(grains, ct);
        var errors = new Dictionary<string, string[]>();
        var agentId = body.Value!.AgentId;
        if (!RoleDefinition.IsValidName(agentId, "An agent id", "an agent", out var idError))
        {
            errors["agent_id"] = [agentId is null ? "agent_id is required" : idError];
        }
        else if (agentId == BootstrapAdmin.AgentId)
        {
            errors["agent_id"] = [$"'{BootstrapAdmin.AgentId}' is the bootstrap admin's id"];
        }

        var roles = body.Value.Roles ?? [];
        if (roles.Count == 0)
        {
            errors["roles"] = ["give the agent at least one role"];
        }

        for (var i = 0; i < roles.Count; i++)
        {
            if (roles[i] is null)
            {
                errors[$"roles[{i}]"] = ["must be a role name, not null"];
            }
            else if (!catalog.Contains(roles[i]))
            {
                errors[$"roles[{i}]"] = [$"role '{roles[i]}' does not exist"];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await audit.AllowedAsync(http, AuditAction.AgentCreate, null, AgentIdentity.AdminRole, $"agent {agentId} with roles {string.Join(",", roles)}");
        var token = BearerTokens.Create();
        var record = new AgentRecord
        {
            AgentId = agentId!,
            Roles = [.. roles.Distinct(StringComparer.Ordinal)],
            TokenHash = BearerTokens.Hash(token),
            CreatedAt = clock.GetUtcNow(),
        };
        if (!await grains.GetGrainByKey<IAgentDirectoryGrain>(IAgentDirectoryGrain.Key).CreateAsync(record, ct))
        {
            return Problems.Conflict($"agent '{agentId}' already exists; revoke it first to issue a new token");
        }

        return TypedResults.Created($"/v1/agents/{agentId}", new CreatedAgent(record.AgentId, record.Roles, token));
    }

    public static async Task<IResult> RevokeAgent(string id, HttpContext http, IGrainFactory grains, AuditTrail audit, AccessCache access)
    {
        var caller = CallerAuthentication.Caller(http);
        if (!caller.IsAdmin)
        {
            return await audit.DenyAsync(http, AuditAction.AgentRevoke, null, string.Join(",", caller.Roles), Problems.Forbidden("only the admin role may revoke agents"));
        }

        await audit.AllowedAsync(http, AuditAction.AgentRevoke, null, AgentIdentity.AdminRole, $"agent {id}");

        var revoked = await grains.GetGrainByKey<IAgentDirectoryGrain>(IAgentDirectoryGrain.Key).RevokeAsync(id, http.RequestAborted);
        access.Invalidate();
        return revoked
            ? TypedResults.NoContent()
            : Problems.NotFound($"there is no active agent '{id}'");
    }
}
