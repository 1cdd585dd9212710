namespace Slurp.Abstractions.Access;

/// <summary>The cluster's role definitions (one grain, key <see cref="Key"/>), seeded from configuration.</summary>
[Alias("slurp.IRoleCatalogGrain")]
public interface IRoleCatalogGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "catalog/roles";

    /// <summary>All roles, ordinal by name.</summary>
    [Alias("GetRoles"), ReadOnly]
    Task<RoleRecord[]> GetRolesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a role; true when it was created.</summary>
    [Alias("PutRole")]
    Task<bool> PutRoleAsync(RoleRecord role, CancellationToken cancellationToken = default);
}
