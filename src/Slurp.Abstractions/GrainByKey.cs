using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Slurp;

/// <summary>
/// References to string-keyed grains without Orleans' type resolution on every call.
/// <c>IGrainFactory.GetGrain&lt;T&gt;(string)</c> resolves the interface's grain interface type and grain type each
/// time it is called (reading custom attributes and rewriting the type's name): with ≈ 9 references taken per
/// context write that was ≈ 5 % of a silo's CPU under write load (perf, docs/benchmarks.md). Both types are fixed
/// for a factory, so they are learnt from its first reference and the next ones are built from the grain id.
/// </summary>
public static class GrainByKey
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<Type, ResolvedTypes>> Resolved = [];

    /// <summary>The grain of interface <typeparamref name="TGrain"/> with <paramref name="key"/>; the same reference
    /// <c>GetGrain&lt;TGrain&gt;(key)</c> returns.</summary>
    public static TGrain GetGrainByKey<TGrain>(this IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(key);
        var known = Resolved.GetOrCreateValue(grains);
        if (known.TryGetValue(typeof(TGrain), out var types))
        {
            return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }

        var grain = grains.GetGrain<TGrain>(key);
        // Only Orleans' own references carry their types (a test double's proxies do not: those are asked every time).
        if (grain is GrainReference reference)
        {
            known.TryAdd(typeof(TGrain), new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType));
        }

        return grain;
    }

    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);
}
