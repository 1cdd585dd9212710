using System.Collections.Concurrent;
using Slurp.Abstractions.Access;
using Slurp.Domain.Access;

namespace Slurp.Host.Context;

/// <summary>The role definitions as of one request, in domain form, with the questions the API asks of them.</summary>
internal sealed class RoleCatalog
{
    /// <summary>Paths whose covering roles one catalog copy remembers (a few hundred bytes each).</summary>
    internal const int MaxRememberedPaths = 10_000;

    private readonly Dictionary<string, RoleDefinition> _roles;
    private readonly ConcurrentDictionary<string, HashSet<string>> _coveringAll = new(StringComparer.Ordinal);
    private int _remembered;

    private RoleCatalog(Dictionary<string, RoleDefinition> roles) => _roles = roles;

    public IReadOnlyCollection<RoleDefinition> All => _roles.Values;

    public static async Task<RoleCatalog> LoadAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var records = await grains.GetGrainByKey<IRoleCatalogGrain>(IRoleCatalogGrain.Key).GetRolesAsync(cancellationToken);
        var roles = new List<RoleDefinition>();
        foreach (var record in records)
        {
            if (ToDefinition(record, out var definition, out _))
            {
                roles.Add(definition!);
            }
        }

        return Of(roles);
    }

    /// <summary>A catalog of these definitions (a later one of the same name wins).</summary>
    public static RoleCatalog Of(IEnumerable<RoleDefinition> definitions)
    {
        var roles = new Dictionary<string, RoleDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            roles[definition.Name] = definition;
        }

        return new RoleCatalog(roles);
    }

    /// <summary>Validates a wire role into its domain form.</summary>
    public static bool ToDefinition(RoleRecord record, out RoleDefinition? definition, out Dictionary<string, string[]> errors)
    {
        errors = [];
        definition = null;
        if (!RoleDefinition.IsValidName(record.Name, out var nameError))
        {
            errors["name"] = [nameError!];
        }
        else if (record.Name == Slurp.Domain.Context.ContextLayer.BaseName)
        {
            errors["name"] = [$"'{record.Name}' is reserved: it names a node's own layer"];
        }

        if (!AccessLevels.TryParse(record.AccessLevel, out var level))
        {
            errors["access_level"] = [$"'{record.AccessLevel}' is not one of low, medium, high, critical"];
        }

        var scopes = new List<ScopeGlob>();
        for (var i = 0; i < record.Scopes.Length; i++)
        {
            if (ScopeGlob.TryParse(record.Scopes[i], out var glob, out var error))
            {
                scopes.Add(glob!);
            }
            else
            {
                errors[$"scopes[{i}]"] = [error!];
            }
        }

        if (errors.Count > 0)
        {
            return false;
        }

        definition = new RoleDefinition(record.Name, level, scopes, record.CanWrite);
        return true;
    }

    public bool Contains(string role) => _roles.ContainsKey(role);

    public RoleDefinition? Find(string role) => _roles.GetValueOrDefault(role);

    /// <summary>The given roles whose scopes cover the path.</summary>
    public IReadOnlySet<string> Covering(IEnumerable<string> roles, string path)
    {
        var all = CoveringAll(path);
        return roles.Where(all.Contains).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The given roles whose scopes cover the path, in their given order.</summary>
    public string[] CoveringInOrder(IReadOnlyList<string> roles, string path)
    {
        var all = CoveringAll(path);
        return roles.Where(all.Contains).ToArray();
    }

    /// <summary>Every known role whose scopes cover the path. The set is shared: do not modify it.</summary>
    public IReadOnlySet<string> CoveringAll(string path)
    {
        // This copy of the catalog serves many requests (AccessCache), and each asks about the same few folders
        // again: glob matching of every role per ancestor per request is remembered per path, up to a bound.
        if (_coveringAll.TryGetValue(path, out var known))
        {
            return known;
        }

        var covering = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, role) in _roles)
        {
            if (role.Covers(path))
            {
                covering.Add(name);
            }
        }

        // Counted here: ConcurrentDictionary.Count takes every lock of the table.
        if (Volatile.Read(ref _remembered) < MaxRememberedPaths && _coveringAll.TryAdd(path, covering))
        {
            Interlocked.Increment(ref _remembered);
        }

        return covering;
    }
}
