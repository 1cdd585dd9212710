using System.Diagnostics.CodeAnalysis;
using Orleans.Metadata;
using Orleans.Runtime.Placement;
using Slurp.Grains.Context;

namespace Slurp.Grains.Hosting;

/// <summary>
/// Gives <see cref="ContextNodeGrain"/> Orleans' prefer-local placement: a node not active anywhere is activated on
/// the silo that asked for it. Every other grain keeps the cluster's default. A resolver registered by the host
/// rather than an attribute on the grain, so the choice is an option (<c>Slurp:Cluster:NodePlacement</c>): locality
/// costs balance when one front door takes most of the traffic, and an operator may want the balance instead.
/// </summary>
public sealed class ContextNodePlacementResolver : IPlacementStrategyResolver
{
    private static readonly string NodeClass = typeof(ContextNodeGrain).FullName!;
    private static readonly PreferLocalPlacement PreferLocal = new();

    public bool TryResolvePlacementStrategy(GrainType grainType, GrainProperties? properties, [MaybeNullWhen(false)] out PlacementStrategy result)
    {
        if (properties is not null
            && properties.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var fullTypeName)
            && string.Equals(fullTypeName, NodeClass, StringComparison.Ordinal))
        {
            result = PreferLocal;
            return true;
        }

        result = null;
        return false;
    }
}
