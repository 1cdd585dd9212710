using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>Deletion and rollback of a node whose main branch holds versions 1 and 2.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContextNodeDeleteAndRollbackTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);

    public async Task InitializeAsync()
    {
        await _node.WriteAsync(Write("h1"));
        await _node.WriteAsync(Write("h2"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeleteAppendsATombstoneOnTopOfTheHead()
    {
        var result = await _node.DeleteAsync("main", By("deletion"));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.True(result.Version!.IsTombstone);
        Assert.Equal(3, result.Version.Version);
        Assert.Equal(2, result.Version.ParentVersion);
    }

    [Fact]
    public async Task LatestReadOfADeletedNodeIsGone()
    {
        await _node.DeleteAsync("main", By("deletion"));

        var result = await _node.ReadAsync("main", TemporalRequest.Latest, Roles);

        Assert.Equal(ReadStatus.Gone, result.Status);
        Assert.Equal("the node was deleted in version 3", result.Detail);
    }

    [Fact]
    public async Task VersionsBeforeADeletionStayReadable()
    {
        await _node.DeleteAsync("main", By("deletion"));

        var content = await ReadContentAsync(_node, Exact(1));

        Assert.Equal("summary h1", content.Summary);
    }

    [Fact]
    public async Task DeletingADeletedNodeIsGoneAndAppendsNothing()
    {
        await _node.DeleteAsync("main", By("deletion"));

        var result = await _node.DeleteAsync("main", By("deletion"));

        Assert.Equal(MutationStatus.Gone, result.Status);
        Assert.Equal("the node was already deleted in version 3", result.Detail);
        var history = Numbers(await _node.GetHistoryAsync("main"));
        Assert.Equal([3, 2, 1], history);
    }

    [Fact]
    public async Task DeletingANodeNeverWrittenIsNotFound()
    {
        var result = await Fresh(fixture.Client).DeleteAsync("main", By("deletion"));

        Assert.Equal(MutationStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task DeletingAnUnknownBranchIsBranchNotFound()
    {
        var result = await _node.DeleteAsync("feature", By("deletion"));

        Assert.Equal(MutationStatus.BranchNotFound, result.Status);
    }

    [Fact]
    public async Task RollbackAfterDeleteAppendsAVersionWithTheOldContent()
    {
        await _node.DeleteAsync("main", By("deletion"));

        var result = await _node.RollbackAsync("main", 1, By("rollback"));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.Equal(4, result.Version!.Version);
        Assert.Equal(3, result.Version.ParentVersion);
        Assert.False(result.Version.IsTombstone);
        Assert.Equal(await ContentHashOfVersionAsync(1), result.Version.ContentHash);
    }

    [Fact]
    public async Task RollbackIsAttributedToItsCaller()
    {
        var result = await _node.RollbackAsync("main", 1, By("rollback") with { CreatedBy = "bob:architect" });

        Assert.Equal("rollback", result.Version!.ChangeReason);
        Assert.Equal("bob:architect", result.Version.CreatedBy);
    }

    [Fact]
    public async Task RollbackMakesTheNodeReadableAgain()
    {
        await _node.DeleteAsync("main", By("deletion"));
        await _node.RollbackAsync("main", 1, By("rollback"));

        var content = await ReadContentAsync(_node, TemporalRequest.Latest);

        Assert.Equal("summary h1", content.Summary);
    }

    [Fact]
    public async Task RollbackToATombstoneConflicts()
    {
        await _node.DeleteAsync("main", By("deletion"));
        await _node.RollbackAsync("main", 1, By("rollback"));

        var result = await _node.RollbackAsync("main", 3, By("rollback"));

        Assert.Equal(MutationStatus.Conflict, result.Status);
        Assert.Equal("version 3 is a deletion; roll back to a version with content", result.Detail);
    }

    [Fact]
    public async Task RollbackToAMissingVersionIsNotFound()
    {
        var result = await _node.RollbackAsync("main", 9, By("rollback"));

        Assert.Equal(MutationStatus.NotFound, result.Status);
        Assert.Equal("version 9 does not exist; the node has versions 1 to 2", result.Detail);
    }

    [Fact]
    public async Task RollbackToTheHeadsContentIsUnchanged()
    {
        var result = await _node.RollbackAsync("main", 2, By("rollback"));

        Assert.Equal(MutationStatus.Unchanged, result.Status);
        var history = Numbers(await _node.GetHistoryAsync("main"));
        Assert.Equal([2, 1], history);
    }

    private async Task<string> ContentHashOfVersionAsync(int version) =>
        Assert.Single(await _node.GetHistoryAsync("main"), v => v.Version == version).ContentHash;
}
