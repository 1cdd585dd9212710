using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

[Collection(ClusterCollection.Name)]
public sealed class ContextNodeCascadeTests(ClusterFixture fixture)
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);

    [Fact]
    public async Task CascadeVersionIsTheHeadOfTheBranch()
    {
        await _node.WriteAsync(Write("h1"));
        await _node.WriteAsync(Write("h2"));

        var version = await _node.GetCascadeVersionAsync("main", null, Roles);

        Assert.Equal(2, version!.Version);
    }

    [Fact]
    public async Task CascadeVersionOfADeletedNodeIsNull()
    {
        await _node.WriteAsync(Write("h1"));
        await _node.DeleteAsync("main", By("deletion"));

        Assert.Null(await _node.GetCascadeVersionAsync("main", null, Roles));
    }

    [Fact]
    public async Task CascadeVersionForABranchTheNodeLacksFallsBackToMain()
    {
        await _node.WriteAsync(Write("h1"));

        var version = await _node.GetCascadeVersionAsync("feature", null, Roles);

        Assert.Equal(1, version!.Version);
    }

    [Fact]
    public async Task CascadeVersionForABranchTheNodeHasIsThatBranchsHead()
    {
        await _node.WriteAsync(Write("h1"));
        await _node.WriteAsync(Write("h2"));
        await _node.CreateBranchAsync("feature", 1, By());
        await _node.WriteAsync(Write("f1", branch: "feature"));

        var version = await _node.GetCascadeVersionAsync("feature", null, Roles);

        Assert.Equal(3, version!.Version);
    }

    [Fact]
    public async Task CascadeVersionAsOfAnInstantIsTheHeadAtThatInstant()
    {
        await _node.WriteAsync(Write("h1"));
        var between = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await _node.WriteAsync(Write("h2"));

        var version = await _node.GetCascadeVersionAsync("main", between, Roles);

        Assert.Equal(1, version!.Version);
    }

    [Fact]
    public async Task CascadeVersionAsOfAnInstantBeforeTheFirstWriteIsNull()
    {
        var before = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await _node.WriteAsync(Write("h1"));

        Assert.Null(await _node.GetCascadeVersionAsync("main", before.AddTicks(-1), Roles));
    }

    [Fact]
    public async Task CascadeVersionOfANodeNeverWrittenIsNull()
    {
        Assert.Null(await _node.GetCascadeVersionAsync("main", null, Roles));
    }
}
