namespace Slurp.Grains.Access;

/// <summary>
/// The roles that exist when the cluster first starts (configuration section <c>Slurp:Roles</c>, one
/// sub-section per role). Later changes go through <c>PUT /v1/roles/{name}</c> and are kept in storage.
/// </summary>
public sealed class DefaultRolesOptions
{
    /// <summary>Role name → definition.</summary>
    public Dictionary<string, DefaultRole> Roles { get; set; } = [];
}

/// <summary>One configured default role.</summary>
public sealed class DefaultRole
{
    /// <summary>low, medium, high or critical.</summary>
    public string AccessLevel { get; set; } = "medium";

    /// <summary>Path globs such as "/api/**".</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Whether the role may write context within its scopes.</summary>
    public bool CanWrite { get; set; }
}
