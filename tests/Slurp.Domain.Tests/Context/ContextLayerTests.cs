using Slurp.Domain.Context;
using static Slurp.Domain.Tests.Context.ContextSamples;

namespace Slurp.Domain.Tests.Context;

public sealed class ContextLayerTests
{
    [Fact]
    public void LayerIsReadableByAnyOfItsReaders()
    {
        var layer = ContextLayer.Base([Backend, Architect], ContextData.Empty);

        Assert.True(layer.IsReadableBy(As(Frontend, Architect)));
    }

    [Fact]
    public void LayerIsNotReadableByRolesOutsideItsReaders()
    {
        var layer = ContextLayer.Base([Backend], ContextData.Empty);

        Assert.False(layer.IsReadableBy(As(Frontend, Architect)));
    }

    [Fact]
    public void RoleNamesCompareOrdinally()
    {
        var layer = ContextLayer.Base([Backend], ContextData.Empty);

        Assert.False(layer.IsReadableBy(As(Backend.ToUpperInvariant())));
    }

    [Fact]
    public void OverlayIsNamedAfterItsRoleAndReadableByThatRoleAlone()
    {
        var overlay = ContextLayer.Overlay(Architect, ContextData.Empty);

        Assert.Equal(Architect, overlay.LayerName);
        Assert.Equal([Architect], overlay.Readers);
        Assert.False(overlay.IsBase);
    }

    [Fact]
    public void BaseLayerIsNamedBase()
    {
        Assert.Equal(ContextLayer.BaseName, ContextLayer.Base([Backend], ContextData.Empty).LayerName);
    }
}
