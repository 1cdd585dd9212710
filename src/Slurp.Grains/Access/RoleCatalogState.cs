using Slurp.Abstractions.Access;

namespace Slurp.Grains.Access;

/// <summary>Persisted roles.</summary>
[GenerateSerializer, Alias("slurp.RoleCatalogState")]
public sealed class RoleCatalogState
{
    /// <summary>False until the configured defaults have been stored.</summary>
    [Id(0)] public bool Seeded { get; set; }
    [Id(1)] public Dictionary<string, RoleRecord> Roles { get; set; } = [];
}
