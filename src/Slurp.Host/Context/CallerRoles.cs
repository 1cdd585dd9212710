using Slurp.Domain.Access;
using Slurp.Domain.Addresses;
using Slurp.Host.Api;
using Slurp.Host.Auth;

namespace Slurp.Host.Context;

/// <summary>Which of the caller's roles an address asks to act as.</summary>
internal static class CallerRoles
{
    /// <summary>
    /// The roles a read uses: the address's role (which the caller must hold) or, for <c>any</c>, all of
    /// the caller's roles — narrowed to those whose scopes cover the path. 403 when none remain.
    /// </summary>
    public static IReadOnlySet<string>? ForRead(AgentIdentity caller, UcxlAddress address, RoleCatalog catalog, out IResult? problem)
    {
        problem = null;
        if (!UcxlAddress.IsAny(address.Role) && !caller.Roles.Contains(address.Role, StringComparer.Ordinal))
        {
            problem = Problems.Forbidden($"agent '{caller.AgentId}' does not hold role '{address.Role}'");
            return null;
        }

        var asked = UcxlAddress.IsAny(address.Role) ? caller.Roles : [address.Role];
        var covering = catalog.Covering(asked, address.Path.Value);
        if (covering.Count == 0)
        {
            problem = Problems.Forbidden($"no role of '{caller.AgentId}' ({string.Join(", ", asked)}) has a scope covering {address.Path}");
            return null;
        }

        return covering;
    }

    /// <summary>
    /// The one role a write acts as: the address's role, or for <c>any</c> the first of the caller's roles that
    /// may write the path. The address's agent must be the caller or <c>any</c>.
    /// </summary>
    public static RoleDefinition? ForWrite(AgentIdentity caller, UcxlAddress address, RoleCatalog catalog, out IResult? problem)
    {
        problem = null;
        if (!UcxlAddress.IsAny(address.Agent) && address.Agent != caller.AgentId)
        {
            problem = Problems.Forbidden($"the address names agent '{address.Agent}' but the caller is '{caller.AgentId}'; use your own id or 'any'");
            return null;
        }

        if (!UcxlAddress.IsAny(address.Role) && !caller.Roles.Contains(address.Role, StringComparer.Ordinal))
        {
            problem = Problems.Forbidden($"agent '{caller.AgentId}' does not hold role '{address.Role}'");
            return null;
        }

        var candidates = UcxlAddress.IsAny(address.Role) ? caller.Roles : [address.Role];
        foreach (var name in candidates)
        {
            if (catalog.Find(name) is { } role && AccessPolicy.CanWrite(role, address.Path.Value))
            {
                return role;
            }
        }

        problem = Problems.Forbidden($"role {(UcxlAddress.IsAny(address.Role) ? "of '" + caller.AgentId + "'" : "'" + address.Role + "'")} may not write at {address.Path}");
        return null;
    }
}
