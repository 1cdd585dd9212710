using Slurp.Abstractions.Access;

namespace Slurp.Grains.Tests.Access;

/// <summary>Each test uses its own catalog activation (a unique key), seeded from <see cref="ClusterFixture.DefaultRoles"/>.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoleCatalogGrainTests(ClusterFixture fixture)
{
    private readonly IRoleCatalogGrain _catalog =
        fixture.Client.GetGrain<IRoleCatalogGrain>(IRoleCatalogGrain.Key + "/test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task FirstActivationSeedsTheConfiguredRoles()
    {
        var roles = await _catalog.GetRolesAsync();

        Assert.Equal(
            ["auditor high /** read-only", "backend medium /api/**,/src/** write"],
            roles.Select(r => $"{r.Name} {r.AccessLevel} {string.Join(',', r.Scopes)} {(r.CanWrite ? "write" : "read-only")}"));
    }

    [Fact]
    public async Task PuttingANewRoleReportsCreated()
    {
        var created = await _catalog.PutRoleAsync(Role("frontend", "low"));

        Assert.True(created);
        Assert.Contains(await _catalog.GetRolesAsync(), r => r.Name == "frontend");
    }

    [Fact]
    public async Task PuttingAnExistingRoleReplacesItAndReportsNotCreated()
    {
        var created = await _catalog.PutRoleAsync(Role("backend", "critical"));

        Assert.False(created);
        var backend = Assert.Single(await _catalog.GetRolesAsync(), r => r.Name == "backend");
        Assert.Equal("critical", backend.AccessLevel);
    }

    [Fact]
    public async Task RolesAreListedInOrdinalOrderOfName()
    {
        foreach (var name in new[] { "zeta", "Zeta", "alpha", "Beta", "_ops", "9lives" })
        {
            await _catalog.PutRoleAsync(Role(name, "low"));
        }

        var names = (await _catalog.GetRolesAsync()).Select(r => r.Name).ToArray();

        Assert.Equal(["9lives", "Beta", "Zeta", "_ops", "alpha", "auditor", "backend", "zeta"], names);
    }

    [Fact]
    public async Task ChangedRolesSurviveDeactivationWithoutBeingReseeded()
    {
        await _catalog.PutRoleAsync(Role("backend", "critical"));

        await fixture.Cluster.DeactivateAsync(_catalog);
        var backend = Assert.Single(await _catalog.GetRolesAsync(), r => r.Name == "backend");

        Assert.Equal("critical", backend.AccessLevel);
    }

    private static RoleRecord Role(string name, string accessLevel) =>
        new() { Name = name, AccessLevel = accessLevel, Scopes = ["/**"], CanWrite = true };
}
