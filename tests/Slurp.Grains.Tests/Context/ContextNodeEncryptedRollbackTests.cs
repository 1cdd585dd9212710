using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>Rolling back to an encrypted version: the copy is sealed afresh for its own version number.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContextNodeEncryptedRollbackTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);
    private readonly string _overlayRole = UniqueRole("o");

    public async Task InitializeAsync()
    {
        var overlay = Layer(_overlayRole, [_overlayRole], new ContextContent { Summary = "first overlay" });
        await _node.WriteAsync(WriteFor(Roles, new ContextContent { Summary = "first", Tags = ["t1"], Insights = ["i1"] }, overlay));
        await _node.WriteAsync(WriteFor(Roles, new ContextContent { Summary = "second" }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheRolledBackVersionDecryptsToTheOldContent()
    {
        var result = await _node.RollbackAsync("main", 1, By("rollback"));

        var content = await ReadContentAsync(_node, Exact(result.Version!.Version));
        Assert.Equal(3, result.Version.Version);
        Assert.Equal("first", content.Summary);
        Assert.Equal(["t1"], content.Tags);
        Assert.Equal(["i1"], content.Insights);
    }

    [Fact]
    public async Task TheRolledBackVersionKeepsTheOverlayForTheOverlayRole()
    {
        await _node.RollbackAsync("main", 1, By("rollback"));

        var content = await ReadContentAsync(_node, Exact(3), [_overlayRole]);

        Assert.Equal("first overlay", content.Summary);
    }

    [Fact]
    public async Task TheRolledBackVersionIsSealedAfreshNotCopied()
    {
        await _node.RollbackAsync("main", 1, By("rollback"));

        var stored = await StoredNodeState.ReadAsync(fixture.SiloServices, _node);

        var original = stored.Versions.Single(v => v.Version == 1).Layers;
        var copy = stored.Versions.Single(v => v.Version == 3).Layers;
        Assert.Equal(original.Select(l => l.LayerName), copy.Select(l => l.LayerName));
        Assert.All(original.Zip(copy), pair => Assert.NotEqual(pair.First.Envelope, pair.Second.Envelope));
        Assert.All(original.Zip(copy), pair => Assert.NotEqual(pair.First.WrappedKeys[0].Wrapped, pair.Second.WrappedKeys[0].Wrapped));
    }
}
