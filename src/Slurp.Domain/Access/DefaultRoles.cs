namespace Slurp.Domain.Access;

/// <summary>
/// The roles that exist by default: API.md's access-control table, exactly. The host loads the same table
/// from appsettings; this is the fallback when none is configured and the oracle the tests check against.
/// </summary>
public static class DefaultRoles
{
    /// <summary>Sees and writes everything at high level.</summary>
    public const string SeniorArchitect = "senior_architect";

    /// <summary>Writes the UI, web, frontend and docs trees at medium level.</summary>
    public const string FrontendDeveloper = "frontend_developer";

    /// <summary>Writes the API, services, source and docs trees at medium level.</summary>
    public const string BackendDeveloper = "backend_developer";

    /// <summary>Writes the deploy, infra, ops and CI trees at high level.</summary>
    public const string DevopsEngineer = "devops_engineer";

    /// <summary>Sees and writes everything at critical level.</summary>
    public const string ProjectManager = "project_manager";

    /// <summary>Covers no node; reads the audit log and security metrics.</summary>
    public const string Auditor = "auditor";

    /// <summary>Sees and writes everything at critical level, and administers the store.</summary>
    public const string Admin = "admin";

    /// <summary>The seven default roles, in the order of API.md's table.</summary>
    public static IReadOnlyList<RoleDefinition> All { get; } = Array.AsReadOnly(
    [
        Role(SeniorArchitect, AccessLevel.High, canWrite: true, "/**"),
        Role(FrontendDeveloper, AccessLevel.Medium, canWrite: true, "/ui/**", "/web/**", "/frontend/**", "/docs/**"),
        Role(BackendDeveloper, AccessLevel.Medium, canWrite: true, "/api/**", "/services/**", "/src/**", "/docs/**"),
        Role(DevopsEngineer, AccessLevel.High, canWrite: true, "/deploy/**", "/infra/**", "/ops/**", "/.ci/**"),
        Role(ProjectManager, AccessLevel.Critical, canWrite: true, "/**"),
        Role(Auditor, AccessLevel.Low, canWrite: false),
        Role(Admin, AccessLevel.Critical, canWrite: true, "/**"),
    ]);

    private static RoleDefinition Role(string name, AccessLevel level, bool canWrite, params string[] scopes) =>
        new(name, level, Array.AsReadOnly(scopes.Select(ScopeGlob.Parse).ToArray()), canWrite);
}
