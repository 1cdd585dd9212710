using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

[Collection(ClusterCollection.Name)]
public sealed class ContextNodeWriteTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Client;

    [Fact]
    public async Task FirstWriteCreatesVersionOneWithoutParent()
    {
        var node = Fresh(_grains);

        var result = await node.WriteAsync(Write("h1"));

        Assert.Equal(MutationStatus.Created, result.Status);
        Assert.Equal(1, result.Version!.Version);
        Assert.Null(result.Version.ParentVersion);
    }

    [Fact]
    public async Task FirstWriteStoresTheAttributionAndAccessMetadata()
    {
        var node = Fresh(_grains);
        var command = Write("h1", attribution: By("initial_creation") with { DecisionRef = "adr-7", Influences = ["ucxl://any:any@p:t/src/y"] });

        var version = (await node.WriteAsync(command)).Version!;

        Assert.Equal("medium", version.Classification);
        Assert.Equal(["backend"], version.Readers);
        Assert.Equal(Writer, version.CreatedBy);
        Assert.Equal("initial_creation", version.ChangeReason);
        Assert.Equal("adr-7", version.DecisionRef);
        Assert.Equal(["ucxl://any:any@p:t/src/y"], version.Influences);
        Assert.Equal(fixture.Clock.GetUtcNow(), version.CreatedAt);
    }

    [Fact]
    public async Task WriteAnswersWithLayerMetadataButNoContentOrKeys()
    {
        var node = Fresh(_grains);

        var layer = Assert.Single((await node.WriteAsync(Write("h1"))).Version!.Layers);

        Assert.Equal("base", layer.LayerName);
        Assert.Equal(["backend"], layer.Readers);
        Assert.Null(layer.Content);
        Assert.Null(layer.Envelope);
        Assert.Empty(layer.WrappedKeys);
    }

    [Fact]
    public async Task WrittenContentReadsBackForItsReaderRole()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));

        var content = await ReadContentAsync(node, TemporalRequest.Latest);

        Assert.Equal("summary h1", content.Summary);
        Assert.Equal(["tag-h1"], content.Tags);
    }

    [Fact]
    public async Task ContentHashIsStoredAsItsKeyedHashNotAsGiven()
    {
        var node = Fresh(_grains);

        var version = (await node.WriteAsync(Write("h1"))).Version!;

        Assert.Equal(TestSeal.StoredHashOf("h1"), version.ContentHash);
    }

    [Fact]
    public async Task SecondWriteWithOtherContentUpdatesToVersionTwoOnTopOfVersionOne()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));

        var result = await node.WriteAsync(Write("h2"));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.Equal(2, result.Version!.Version);
        Assert.Equal(1, result.Version.ParentVersion);
    }

    [Fact]
    public async Task WriteWithTheHeadsContentHashIsUnchangedAndAppendsNothing()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));

        var result = await node.WriteAsync(Write("h1"));

        Assert.Equal(MutationStatus.Unchanged, result.Status);
        Assert.Equal(1, result.Version!.Version);
        var history = Numbers(await node.GetHistoryAsync("main"));
        Assert.Equal([1], history);
    }

    [Fact]
    public async Task WriteExpectingAnotherHeadConflictsAndSaysWhatTheHeadIs()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));
        await node.WriteAsync(Write("h2"));

        var result = await node.WriteAsync(Write("h3", expectedVersion: 1));

        Assert.Equal(MutationStatus.Conflict, result.Status);
        Assert.Equal(2, result.Version!.Version);
        Assert.Equal("expected_version is 1 but the head of branch 'main' is 2", result.Detail);
    }

    [Fact]
    public async Task ConflictingWriteAppendsNothing()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));

        await node.WriteAsync(Write("h2", expectedVersion: 5));

        var history = Numbers(await node.GetHistoryAsync("main"));
        Assert.Equal([1], history);
    }

    [Fact]
    public async Task WriteExpectingTheHeadSucceeds()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));

        var result = await node.WriteAsync(Write("h2", expectedVersion: 1));

        Assert.Equal(MutationStatus.Updated, result.Status);
    }

    [Fact]
    public async Task WriteExpectingVersionZeroCreatesANewNode()
    {
        var node = Fresh(_grains);

        var result = await node.WriteAsync(Write("h1", expectedVersion: 0));

        Assert.Equal(MutationStatus.Created, result.Status);
    }

    [Fact]
    public async Task WriteExpectingVersionZeroConflictsOnAnExistingNode()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));

        var result = await node.WriteAsync(Write("h2", expectedVersion: 0));

        Assert.Equal(MutationStatus.Conflict, result.Status);
        Assert.Equal("expected_version is 0 but the head of branch 'main' is 1", result.Detail);
    }

    [Fact]
    public async Task FirstWriteToABranchOtherThanMainIsBranchNotFound()
    {
        var node = Fresh(_grains);

        var result = await node.WriteAsync(Write("h1", branch: "feature"));

        Assert.Equal(MutationStatus.BranchNotFound, result.Status);
        Assert.Equal("the node has no branch 'feature'", result.Detail);
    }

    [Fact]
    public async Task WriteToAnUnknownBranchOfAnExistingNodeIsBranchNotFound()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));

        var result = await node.WriteAsync(Write("h2", branch: "feature"));

        Assert.Equal(MutationStatus.BranchNotFound, result.Status);
    }

    [Fact]
    public async Task WriteOnTopOfATombstoneWithTheDeletedContentAppendsAVersion()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));
        await node.DeleteAsync("main", By("deletion"));

        var result = await node.WriteAsync(Write("h1"));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.Equal(3, result.Version!.Version);
    }

    [Fact]
    public async Task OfSixtyFourRacingWritesExpectingVersionOneExactlyOneWins()
    {
        var node = Fresh(_grains);
        await node.WriteAsync(Write("h1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => node.WriteAsync(Write($"race-{i}", expectedVersion: 1))));

        Assert.Single(results, r => r.Status == MutationStatus.Updated);
        Assert.Equal(63, results.Count(r => r.Status == MutationStatus.Conflict));
        var history = Numbers(await node.GetHistoryAsync("main"));
        Assert.Equal([2, 1], history);
    }
}
