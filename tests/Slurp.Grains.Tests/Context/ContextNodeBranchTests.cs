using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>Branches of a node whose main branch holds versions 1 and 2.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContextNodeBranchTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);

    public async Task InitializeAsync()
    {
        await _node.WriteAsync(Write("h1"));
        await _node.WriteAsync(Write("h2"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreatingABranchFromAVersionMakesThatVersionItsHead()
    {
        var result = await _node.CreateBranchAsync("feature", 1, By());

        Assert.Equal(MutationStatus.BranchCreated, result.Status);
        Assert.Equal(1, result.Version!.Version);
        Assert.Equal(1, (await _node.GetBranchesAsync())["feature"]);
    }

    [Fact]
    public async Task WriteOnABranchTakesTheNextNodeWideVersionNumber()
    {
        await _node.CreateBranchAsync("feature", 1, By());

        var result = await _node.WriteAsync(Write("f1", branch: "feature"));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.Equal(3, result.Version!.Version);
        Assert.Equal(1, result.Version.ParentVersion);
        Assert.Equal("feature", result.Version.Branch);
    }

    [Fact]
    public async Task BranchLineageRunsFromItsHeadThroughTheVersionItForkedFrom()
    {
        await _node.CreateBranchAsync("feature", 1, By());
        await _node.WriteAsync(Write("f1", branch: "feature"));

        var history = await _node.GetHistoryAsync("feature");

        Assert.Equal([3, 1], Numbers(history));
    }

    [Fact]
    public async Task WriteOnABranchLeavesMainUnaffected()
    {
        await _node.CreateBranchAsync("feature", 1, By());
        await _node.WriteAsync(Write("f1", branch: "feature"));

        var latest = await _node.ReadAsync("main", TemporalRequest.Latest, Roles);

        Assert.Equal(2, latest.Version!.Version);
        var history = Numbers(await _node.GetHistoryAsync("main"));
        Assert.Equal([2, 1], history);
    }

    [Fact]
    public async Task ExactReadFindsAVersionOfAnotherBranch()
    {
        await _node.CreateBranchAsync("feature", 1, By());
        await _node.WriteAsync(Write("f1", branch: "feature"));

        var result = await _node.ReadAsync("main", Exact(3), Roles);

        Assert.Equal(ReadStatus.Found, result.Status);
        Assert.Equal("feature", result.Version!.Branch);
    }

    [Fact]
    public async Task BranchesListEveryBranchWithItsHead()
    {
        await _node.CreateBranchAsync("feature", 1, By());
        await _node.WriteAsync(Write("f1", branch: "feature"));

        var branches = await _node.GetBranchesAsync();

        Assert.Equal(new Dictionary<string, int> { ["main"] = 2, ["feature"] = 3 }, branches);
    }

    [Fact]
    public async Task CreatingABranchThatExistsConflicts()
    {
        await _node.CreateBranchAsync("feature", 1, By());

        var result = await _node.CreateBranchAsync("feature", 2, By());

        Assert.Equal(MutationStatus.Conflict, result.Status);
        Assert.Equal("branch 'feature' already exists", result.Detail);
        Assert.Equal(1, (await _node.GetBranchesAsync())["feature"]);
    }

    [Fact]
    public async Task CreatingABranchFromAMissingVersionIsNotFound()
    {
        var result = await _node.CreateBranchAsync("feature", 7, By());

        Assert.Equal(MutationStatus.NotFound, result.Status);
        Assert.Equal("version 7 does not exist; the node has versions 1 to 2", result.Detail);
        Assert.False((await _node.GetBranchesAsync()).ContainsKey("feature"));
    }

    [Fact]
    public async Task CreatingABranchOfANodeNeverWrittenIsNotFound()
    {
        var result = await Fresh(fixture.Client).CreateBranchAsync("feature", 1, By());

        Assert.Equal(MutationStatus.NotFound, result.Status);
    }
}
