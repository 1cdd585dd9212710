using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>What a node holds is read back from storage by its next activation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContextNodePersistenceTests(ClusterFixture fixture)
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client, "/src/x");

    [Fact]
    public async Task VersionsSurviveDeactivation()
    {
        await _node.WriteAsync(Write("h1"));
        await _node.WriteAsync(Write("h2"));
        var before = await _node.GetHistoryAsync("main");

        await DeactivateAsync();
        var after = await _node.GetHistoryAsync("main");

        Assert.Equal(Describe(before), Describe(after));
    }

    [Fact]
    public async Task BranchesSurviveDeactivation()
    {
        await _node.WriteAsync(Write("h1"));
        await _node.CreateBranchAsync("feature", 1, By());

        await DeactivateAsync();

        Assert.Equal(new Dictionary<string, int> { ["main"] = 1, ["feature"] = 1 }, await _node.GetBranchesAsync());
    }

    [Fact]
    public async Task ChildrenSurviveDeactivation()
    {
        await _node.RegisterChildAsync("y");

        await DeactivateAsync();

        Assert.Equal(["y"], await _node.GetChildrenAsync());
    }

    [Fact]
    public async Task IdempotencyKeysSurviveDeactivation()
    {
        var command = Write("h1", attribution: By(idempotencyKey: "k1", fingerprint: "f1"));
        await _node.WriteAsync(command);

        await DeactivateAsync();

        Assert.True((await _node.WriteAsync(command)).Replayed);
    }

    private async Task DeactivateAsync()
    {
        await fixture.Cluster.DeactivateAsync(_node);
        Assert.False(fixture.Cluster.TryGetGrainContext(_node.GetGrainId(), out _), "the node should have no activation");
    }

    private static string[] Describe(IEnumerable<StoredVersion> versions) =>
        [.. versions.Select(v => $"{v.Version}<{v.ParentVersion}|{v.Branch}|{v.ContentHash}|{v.CreatedBy}|{v.ChangeReason}|{v.CreatedAt:O}|{v.Layers.Length}")];
}
