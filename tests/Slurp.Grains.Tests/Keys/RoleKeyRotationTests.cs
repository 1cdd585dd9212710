using Microsoft.Extensions.DependencyInjection;
using Slurp.Abstractions.Context;
using Slurp.Abstractions.Keys;
using Slurp.Grains.Keys;
using Slurp.Grains.Tests.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Keys;

/// <summary>A role key of a role no other test uses: creation, rotation and the re-wrap pass that follows.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoleKeyRotationTests(ClusterFixture fixture)
{
    private readonly string _role = UniqueRole();
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);

    private IRoleKeyGrain Keys => fixture.Client.GetGrain<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + _role);

    [Fact]
    public async Task EnsureActiveCreatesVersionOneOnlyOnce()
    {
        var first = await Keys.EnsureActiveAsync();
        var second = await Keys.EnsureActiveAsync();

        Assert.Equal((1, "active"), (first.Version, first.State));
        Assert.Equal(1, second.Version);
        Assert.Equal(["1:active"], Describe(await Keys.GetRingAsync()));
    }

    [Fact]
    public async Task RotationMakesVersionTwoActiveAndVersionOneDecryptOnly()
    {
        await Keys.EnsureActiveAsync();

        var rotated = await Keys.RotateAsync();

        Assert.Equal(2, rotated.Version);
        Assert.Equal(["1:decrypt_only", "2:active"], Describe(await Keys.GetRingAsync()));
    }

    [Fact]
    public async Task ContentWrittenBeforeARotationStillReadsAfterIt()
    {
        await _node.WriteAsync(WriteFor([_role], new ContextContent { Summary = "before rotation" }));

        await Keys.RotateAsync();

        Assert.Equal("before rotation", (await ReadContentAsync(_node, TemporalRequest.Latest, [_role])).Summary);
    }

    [Fact]
    public async Task ContentWrittenAfterARotationIsWrappedUnderTheNewVersion()
    {
        await _node.WriteAsync(WriteFor([_role], new ContextContent { Summary = "before rotation" }));
        await Keys.RotateAsync();

        await _node.WriteAsync(WriteFor([_role], new ContextContent { Summary = "after rotation" }));

        var versions = await WrappedKeyVersionsAsync();

        Assert.Equal([1, 2], versions);
    }

    [Fact]
    public async Task TheRewrapPassRetiresTheOldVersion()
    {
        await _node.WriteAsync(WriteFor([_role], new ContextContent { Summary = "before rotation" }));
        await Keys.RotateAsync();

        await RunRewrapPassAsync(targetVersion: 2);

        Assert.Equal(["1:retired", "2:active"], Describe(await Keys.GetRingAsync()));
    }

    [Fact]
    public async Task TheRewrapPassMovesEveryDataKeyToTheNewVersion()
    {
        await _node.WriteAsync(WriteFor([_role], new ContextContent { Summary = "v1" }));
        await _node.WriteAsync(WriteFor([_role], new ContextContent { Summary = "v2" }));
        await Keys.RotateAsync();

        await RunRewrapPassAsync(targetVersion: 2);
        var versions = await WrappedKeyVersionsAsync();

        Assert.Equal([2, 2], versions);
    }

    [Fact]
    public async Task EveryVersionStillReadsAfterTheRewrapPass()
    {
        await _node.WriteAsync(WriteFor([_role], new ContextContent { Summary = "v1" }));
        await _node.WriteAsync(WriteFor([_role], new ContextContent { Summary = "v2" }));
        await Keys.RotateAsync();

        await RunRewrapPassAsync(targetVersion: 2);
        DropCachedKeys();

        Assert.Equal("v1", (await ReadContentAsync(_node, Exact(1), [_role])).Summary);
        Assert.Equal("v2", (await ReadContentAsync(_node, Exact(2), [_role])).Summary);
    }

    private async Task RunRewrapPassAsync(int targetVersion)
    {
        // The pass waits out the grace period on the grains' clock.
        fixture.Clock.Advance(TestSilos.RewrapGrace);
        await Poll.UntilAsync(
            () => fixture.Client.GetGrain<IKeyRewrapGrain>(_role).GetStatusAsync(),
            s => s.TargetVersion == targetVersion && s.CompletedAt is not null,
            $"the re-wrap pass of role {_role} to version {targetVersion}");
    }

    // A retired version may still sit unwrapped in a silo's cache; forget it so reads prove the re-wrap.
    private void DropCachedKeys()
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            silo.ServiceProvider.GetRequiredService<RoleKeyCache>().Forget(_role, 1);
        }
    }

    /// <summary>The role key version of every data key the node stores for the role, by version.</summary>
    private async Task<int[]> WrappedKeyVersionsAsync()
    {
        var state = await StoredNodeState.ReadAsync(fixture.SiloServices, _node);
        return [.. state.Versions.SelectMany(v => v.Layers).SelectMany(l => l.WrappedKeys).Where(k => k.Role == _role).Select(k => k.RoleKeyVersion)];
    }

    private static string[] Describe(IEnumerable<RoleKeyRecord> ring) => [.. ring.Select(k => $"{k.Version}:{k.State}")];
}
