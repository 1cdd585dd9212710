using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>A version whose base layer is for roles a and b and whose overlay is for role c.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LayerAccessTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);
    private readonly string _a = UniqueRole("a");
    private readonly string _b = UniqueRole("b");
    private readonly string _c = UniqueRole("c");

    public async Task InitializeAsync()
    {
        var overlay = Layer(_c, [_c], new ContextContent { Summary = "overlay for c", Insights = ["only c knows"] });
        await _node.WriteAsync(WriteFor([_a, _b], new ContextContent { Summary = "base for a and b", Tags = ["shared"] }, overlay));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ABaseReaderGetsTheBaseLayerDecryptedAndNotTheOverlay()
    {
        var layers = await ReadLayersAsync(_a);

        var layer = Assert.Single(layers);
        Assert.Equal("base", layer.LayerName);
        Assert.Equal("base for a and b", layer.Content!.Summary);
        Assert.Equal(["shared"], layer.Content.Tags);
    }

    [Fact]
    public async Task TheOtherBaseReaderGetsTheSameBaseLayer()
    {
        var layers = await ReadLayersAsync(_b);

        Assert.Equal("base for a and b", Assert.Single(layers).Content!.Summary);
    }

    [Fact]
    public async Task TheOverlayRoleGetsOnlyItsOverlayDecrypted()
    {
        var layers = await ReadLayersAsync(_c);

        var layer = Assert.Single(layers);
        Assert.Equal(_c, layer.LayerName);
        Assert.Equal("overlay for c", layer.Content!.Summary);
        Assert.Equal(["only c knows"], layer.Content.Insights);
    }

    [Fact]
    public async Task ARoleWithoutAnyWrappedKeyGetsTheVersionWithNoLayers()
    {
        var result = await _node.ReadAsync("main", TemporalRequest.Latest, [UniqueRole("z")]);

        Assert.Equal(ReadStatus.Found, result.Status);
        Assert.Empty(result.Version!.Layers);
    }

    [Fact]
    public async Task ReadLayersCarryContentButNeitherEnvelopeNorWrappedKeys()
    {
        var layers = await ReadLayersAsync(_a, _c);

        Assert.Equal(2, layers.Length);
        Assert.All(layers, l => Assert.Null(l.Envelope));
        Assert.All(layers, l => Assert.Empty(l.WrappedKeys));
    }

    [Fact]
    public async Task TheCascadeVersionIsFilteredByRoleToo()
    {
        var version = await _node.GetCascadeVersionAsync("main", null, [_c]);

        Assert.Equal("overlay for c", Assert.Single(version!.Layers).Content!.Summary);
    }

    private async Task<StoredLayer[]> ReadLayersAsync(params string[] roles)
    {
        var result = await _node.ReadAsync("main", TemporalRequest.Latest, roles);
        Assert.Equal(ReadStatus.Found, result.Status);
        return result.Version!.Layers;
    }
}
