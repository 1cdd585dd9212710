using Microsoft.Extensions.Options;
using Slurp.Abstractions.Access;

namespace Slurp.Grains.Access;

/// <summary>Holds the role definitions; seeds them from configuration on the cluster's first start.</summary>
public sealed class RoleCatalogGrain(
    [PersistentState("roles", StorageNames.Access)] IPersistentState<RoleCatalogState> state,
    IOptions<DefaultRolesOptions> defaults) : Grain, IRoleCatalogGrain
{
    private RoleRecord[] _sorted = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Seeded)
        {
            foreach (var (name, role) in defaults.Value.Roles)
            {
                state.State.Roles[name] = new RoleRecord
                {
                    Name = name,
                    AccessLevel = role.AccessLevel,
                    Scopes = [.. role.Scopes],
                    CanWrite = role.CanWrite,
                };
            }

            state.State.Seeded = true;
            await state.WriteStateAsync(cancellationToken);
        }

        Refresh();
    }

    public Task<RoleRecord[]> GetRolesAsync(CancellationToken cancellationToken = default) => Task.FromResult(_sorted);

    public async Task<bool> PutRoleAsync(RoleRecord role, CancellationToken cancellationToken = default)
    {
        var previous = state.State.Roles.GetValueOrDefault(role.Name);
        state.State.Roles[role.Name] = role;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            if (previous is null)
            {
                state.State.Roles.Remove(role.Name);
            }
            else
            {
                state.State.Roles[role.Name] = previous;
            }

            throw;
        }

        Refresh();
        return previous is null;
    }

    private void Refresh() =>
        _sorted = [.. state.State.Roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal)];
}
