using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>Crypto-shredding a node whose main branch holds versions 1 to 3.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContextNodeShredTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);

    public async Task InitializeAsync()
    {
        await _node.WriteAsync(Write("h1"));
        await _node.WriteAsync(Write("h2"));
        await _node.WriteAsync(Write("h3"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ShredAnswersUpdatedWithTheLatestVersion()
    {
        var result = await _node.ShredAsync(By("security_review"));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.Equal(3, result.Version!.Version);
    }

    [Fact]
    public async Task AfterAShredEveryEarlierVersionReadsGone()
    {
        await _node.ShredAsync(By("security_review"));

        var results = await Task.WhenAll(new[] { 1, 2, 3 }.Select(v => _node.ReadAsync("main", Exact(v), Roles)));

        Assert.All(results, r => Assert.Equal(ReadStatus.Gone, r.Status));
        Assert.Equal("version 2 was crypto-shredded: its keys are destroyed", results[1].Detail);
    }

    [Fact]
    public async Task AfterAShredTheCascadeVersionIsNull()
    {
        await _node.ShredAsync(By("security_review"));

        Assert.Null(await _node.GetCascadeVersionAsync("main", null, Roles));
    }

    [Fact]
    public async Task AfterAShredTheStoredLayersHoldNoWrappedKeysOrContent()
    {
        await _node.ShredAsync(By("security_review"));

        var stored = await StoredNodeState.ReadAsync(fixture.SiloServices, _node);

        var layers = stored.Versions.SelectMany(v => v.Layers).ToList();
        Assert.Equal(3, layers.Count);
        Assert.All(layers, l => Assert.Empty(l.WrappedKeys));
        Assert.All(layers, l => Assert.Null(l.Content));
    }

    [Fact]
    public async Task AWriteAfterAShredIsReadable()
    {
        await _node.ShredAsync(By("security_review"));

        var written = await _node.WriteAsync(Write("h4"));

        Assert.Equal(4, written.Version!.Version);
        Assert.Equal("summary h4", (await ReadContentAsync(_node, TemporalRequest.Latest)).Summary);
    }

    [Fact]
    public async Task RewritingTheShreddedContentAppendsAReadableVersion()
    {
        await _node.ShredAsync(By("security_review"));

        var written = await _node.WriteAsync(Write("h3"));

        Assert.Equal(MutationStatus.Updated, written.Status);
        Assert.Equal("summary h3", (await ReadContentAsync(_node, TemporalRequest.Latest)).Summary);
    }

    [Fact]
    public async Task AShreddedVersionCannotBeRolledBackTo()
    {
        await _node.ShredAsync(By("security_review"));

        var result = await _node.RollbackAsync("main", 1, By("rollback"));

        Assert.Equal(MutationStatus.Gone, result.Status);
    }
}
