using Microsoft.Extensions.DependencyInjection;
using Slurp.Abstractions.Context;
using Slurp.Domain.Crypto;
using Slurp.Grains.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>
/// A layer sealed for (node A, version 1) through a silo's <see cref="LayerSealer"/>: its envelope and wrapped
/// keys are bound to that node, version and layer, so they cannot be moved.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EnvelopeBindingTests(ClusterFixture fixture) : IAsyncLifetime
{
    private static readonly ContextContent Secret = new() { Summary = "bound to node A version 1", Tags = ["bound"] };

    private readonly LayerSealer _sealer = fixture.SiloServices.GetRequiredService<LayerSealer>();
    private readonly string _role = UniqueRole();
    private readonly string _nodeA = UniqueKey("/src/a").ToGrainKey();
    private readonly string _nodeB = UniqueKey("/src/b").ToGrainKey();
    private StoredLayer _sealed = null!;

    public async Task InitializeAsync() =>
        _sealed = await _sealer.SealAsync(_nodeA, 1, Layer("base", [_role], Secret), Secret);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ASealedLayerOpensAsItsOwnNodeAndVersion()
    {
        var opened = await _sealer.OpenAsync(_nodeA, 1, _sealed, [_role]);

        Assert.Equal(Secret.Summary, opened!.Summary);
    }

    [Fact]
    public void TheSealedLayerHoldsNoPlaintext()
    {
        Assert.Null(_sealed.Content);
        Assert.NotNull(_sealed.Envelope);
        Assert.Equal(_role, Assert.Single(_sealed.WrappedKeys).Role);
    }

    [Fact]
    public async Task OpeningItAsAnotherNodeFailsAuthentication()
    {
        var error = await Assert.ThrowsAsync<EnvelopeException>(() => _sealer.OpenAsync(_nodeB, 1, _sealed, [_role]));

        Assert.Equal(EnvelopeErrorKind.AuthenticationFailed, error.Kind);
    }

    [Fact]
    public async Task OpeningItAsAnotherVersionFailsAuthentication()
    {
        var error = await Assert.ThrowsAsync<EnvelopeException>(() => _sealer.OpenAsync(_nodeA, 2, _sealed, [_role]));

        Assert.Equal(EnvelopeErrorKind.AuthenticationFailed, error.Kind);
    }

    [Fact]
    public async Task OpeningItAsAnotherLayerFailsAuthentication()
    {
        var renamed = _sealed with { LayerName = "overlay" };

        var error = await Assert.ThrowsAsync<EnvelopeException>(() => _sealer.OpenAsync(_nodeA, 1, renamed, [_role]));

        Assert.Equal(EnvelopeErrorKind.AuthenticationFailed, error.Kind);
    }

    [Fact]
    public async Task ItsEnvelopeUnderAnotherNodesValidDataKeyFailsAuthentication()
    {
        // Node B's own layer: its wrapped key opens for node B, but A's ciphertext is not B's.
        var nodeBLayer = await _sealer.SealAsync(_nodeB, 1, Layer("base", [_role], Secret), Secret);
        var spliced = nodeBLayer with { Envelope = _sealed.Envelope };

        var error = await Assert.ThrowsAsync<EnvelopeException>(() => _sealer.OpenAsync(_nodeB, 1, spliced, [_role]));

        Assert.Equal(EnvelopeErrorKind.AuthenticationFailed, error.Kind);
    }
}
