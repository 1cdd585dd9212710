using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Slurp.Abstractions.Keys;
using Slurp.Grains.Keys;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Keys;

/// <summary>
/// The lease on a role's active key version: each silo's <see cref="RoleKeyCache"/> uses the version it was given
/// for <see cref="RoleKeyGrain.ActiveLease"/> without asking again, and a rotation returns only once every lease
/// has lapsed, so after it no silo wraps a data key under the old version.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ActiveKeyLeaseTests(ClusterFixture fixture)
{
    private readonly string _role = UniqueRole();

    private IRoleKeyGrain Keys => fixture.Client.GetGrain<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + _role);

    private RoleKeyCache Cache(int silo) => fixture.Cluster.Silos[silo].ServiceProvider.GetRequiredService<RoleKeyCache>();

    [Fact]
    public async Task OnceARotationReturnedEverySiloWrapsUnderTheNewVersion()
    {
        Assert.Equal(1, (await Cache(0).GetActiveAsync(_role)).Version);
        Assert.Equal(1, (await Cache(1).GetActiveAsync(_role)).Version);

        var clock = Stopwatch.StartNew();
        var rotated = await Keys.RotateAsync();

        Assert.Equal(2, rotated.Version);
        // Both silos held a lease on version 1 from just now: the rotation waited for them to lapse.
        Assert.True(clock.Elapsed >= RoleKeyGrain.ActiveLease * 0.5, $"the rotation took {clock.Elapsed}, not waiting for the leases");
        Assert.Equal(2, (await Cache(0).GetActiveAsync(_role)).Version);
        Assert.Equal(2, (await Cache(1).GetActiveAsync(_role)).Version);
    }

    [Fact]
    public async Task WithinTheLeaseASiloUsesItsCopyWithoutAskingAgain()
    {
        await Cache(0).GetActiveAsync(_role);
        await Task.Delay(RoleKeyGrain.ActiveLease * 0.6);

        // Asked again, the grain would have granted a new full lease and the rotation would wait all of it.
        var (version, _) = await Cache(0).GetActiveAsync(_role);
        var clock = Stopwatch.StartNew();
        await Keys.RotateAsync();

        Assert.Equal(1, version);
        Assert.True(clock.Elapsed < RoleKeyGrain.ActiveLease * 0.9, $"the rotation took {clock.Elapsed}: the copy was not used, the grain was asked again");
    }

    [Fact]
    public async Task ARotationWithNoLeaseOutstandingDoesNotWait()
    {
        await Keys.EnsureActiveAsync();
        await Task.Delay(RoleKeyGrain.ActiveLease + TimeSpan.FromMilliseconds(100));

        var clock = Stopwatch.StartNew();
        await Keys.RotateAsync();

        Assert.True(clock.Elapsed < RoleKeyGrain.ActiveLease * 0.5, $"the rotation took {clock.Elapsed} with no lease outstanding");
    }
}
