namespace Slurp.Abstractions.Context;

/// <summary>
/// A silo's cache of ancestor versions for the cascade, as a grain observer: a context node that leased its
/// cascade version to the cache calls it when that version stops being current (a write, rollback, deletion,
/// branch or shredding), before it acknowledges the change.
/// </summary>
[Alias("slurp.ICascadeCacheObserver")]
public interface ICascadeCacheObserver : IGrainObserver
{
    /// <summary>Drops every cached version of the node <paramref name="nodeKey"/> (its grain key), all branches and roles.</summary>
    [Alias("Invalidate")]
    Task InvalidateAsync(string nodeKey);
}
