namespace Slurp.Host.Auth;

/// <summary>The authenticated caller: an agent id and the roles it holds.</summary>
public sealed record AgentIdentity(string AgentId, IReadOnlyList<string> Roles)
{
    /// <summary>The role that administers agents, roles and keys.</summary>
    public const string AdminRole = "admin";

    public bool IsAdmin => Roles.Contains(AdminRole, StringComparer.Ordinal);
}
