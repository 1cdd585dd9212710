using Slurp.Domain.Audit;
using Slurp.Host.Api;
using Slurp.Host.Audit;

namespace Slurp.Host.Auth;

/// <summary>
/// Endpoint filter for every authenticated route: turns <c>Authorization: Bearer</c> into an
/// <see cref="AgentIdentity"/> or answers 401 problem+json.
/// </summary>
internal sealed class CallerAuthentication(BootstrapAdmin admin, AccessCache access, AuditTrail audit) : IEndpointFilter
{
    private static readonly object IdentityKey = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await audit.RecordAsync(AuditTrail.Anonymous, string.Empty, AuditAction.Denied, http.Request.Path, AuditOutcomes.Denied, "no bearer token", http.RequestAborted);
            return Problems.Unauthorized("send 'Authorization: Bearer <token>'");
        }

        var hash = BearerTokens.Hash(header[7..].Trim());
        AgentIdentity? identity = null;
        if (admin.Matches(hash))
        {
            identity = new AgentIdentity(BootstrapAdmin.AgentId, [AgentIdentity.AdminRole]);
        }
        else if (await access.FindAgentAsync(hash, http.RequestAborted) is { } agent)
        {
            identity = new AgentIdentity(agent.AgentId, agent.Roles);
        }

        if (identity is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await audit.RecordAsync(AuditTrail.Anonymous, string.Empty, AuditAction.Denied, http.Request.Path, AuditOutcomes.Denied, "unknown or revoked bearer token", http.RequestAborted);
            return Problems.Unauthorized("the bearer token is not known or was revoked");
        }

        http.Items[IdentityKey] = identity;
        return await next(context);
    }

    /// <summary>The caller, or null before (or without) authentication.</summary>
    public static AgentIdentity? TryCaller(HttpContext http) => http.Items[IdentityKey] as AgentIdentity;

    /// <summary>The caller authenticated by this filter.</summary>
    public static AgentIdentity Caller(HttpContext http) =>
        http.Items[IdentityKey] as AgentIdentity
        ?? throw new InvalidOperationException("the endpoint is not behind CallerAuthentication");
}
