using System.Collections.Immutable;
using Orleans.Metadata;
using Slurp.Grains.Context;
using Slurp.Grains.Hosting;
using Slurp.Grains.Keys;

namespace Slurp.Grains.Tests.Hosting;

/// <summary>The resolver gives context nodes prefer-local placement and leaves every other grain to the default.</summary>
public sealed class ContextNodePlacementResolverTests
{
    private readonly ContextNodePlacementResolver _resolver = new();

    [Fact]
    public void AContextNodeIsPlacedOnTheCallingSilo()
    {
        Assert.True(_resolver.TryResolvePlacementStrategy(GrainType.Create("contextnode"), PropertiesOf(typeof(ContextNodeGrain)), out var strategy));
        Assert.IsType<PreferLocalPlacement>(strategy);
    }

    [Theory]
    [InlineData(typeof(RoleKeyGrain))]
    [InlineData(typeof(ProjectDirectoryGrain))]
    public void EveryOtherGrainKeepsTheClusterDefault(Type grainClass)
    {
        Assert.False(_resolver.TryResolvePlacementStrategy(GrainType.Create("other"), PropertiesOf(grainClass), out var strategy));
        Assert.Null(strategy);
    }

    [Fact]
    public void AGrainTypeWithoutPropertiesKeepsTheClusterDefault() =>
        Assert.False(_resolver.TryResolvePlacementStrategy(GrainType.Create("contextnode"), null, out _));

    private static GrainProperties PropertiesOf(Type grainClass) =>
        new(ImmutableDictionary.Create<string, string>(StringComparer.Ordinal).Add(WellKnownGrainTypeProperties.FullTypeName, grainClass.FullName!));
}
