using Microsoft.Extensions.DependencyInjection;
using Slurp.Abstractions.Context;
using Slurp.Abstractions.Keys;
using Slurp.Domain.Addresses;
using Slurp.Grains.Keys;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Keys;

/// <summary>
/// A node whose first write is slow to register with its parent while its role's key is rotated and the
/// re-wrap pass walks the tree (and retires the old version) without seeing it.
/// </summary>
[Collection(SingleSiloClusterCollection.Name)]
public sealed class NodeCreatedDuringRotationTests(SingleSiloClusterFixture fixture)
{
    private readonly string _role = UniqueRole();
    private readonly NodeKey _folder = UniqueKey("/src");

    private IRoleKeyGrain Keys => fixture.Client.GetGrain<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + _role);

    [Fact]
    public async Task ANodeCreatedWhileTheOldKeyIsRetiredStaysReadable()
    {
        await Keys.EnsureActiveAsync();
        await Node(fixture.Client, _folder).WriteAsync(WriteFor([_role], new ContextContent { Summary = "folder" }));
        var childName = "late" + Guid.NewGuid().ToString("N")[..8];
        var child = Node(fixture.Client, _folder with { Path = _folder.Path.Child(childName) });
        var hold = fixture.Gate.HoldRegistrationOf(childName);

        var writing = child.WriteAsync(WriteFor([_role], new ContextContent { Summary = "created during rotation" }));
        await hold.Reached.Task.WaitAsync(Poll.Limit);
        await Keys.RotateAsync();
        fixture.Clock.Advance(TestSilos.RewrapGrace);
        await Poll.UntilAsync(
            () => fixture.Client.GetGrain<IKeyRewrapGrain>(_role).GetStatusAsync(),
            s => s.TargetVersion == 2 && s.CompletedAt is not null,
            $"the re-wrap pass of role {_role}");
        hold.Release();
        await writing;
        fixture.SiloServices.GetRequiredService<RoleKeyCache>().Forget(_role, 1);

        var content = await ReadContentAsync(child, TemporalRequest.Latest, [_role]);
        Assert.Equal("created during rotation", content.Summary);
    }
}
