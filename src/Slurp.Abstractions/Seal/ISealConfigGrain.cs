namespace Slurp.Abstractions.Seal;

/// <summary>The cluster's seal configuration (one grain, key <see cref="Key"/>), written once at init.</summary>
[Alias("slurp.ISealConfigGrain")]
public interface ISealConfigGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "sys/seal";

    /// <summary>The configuration, or null before init.</summary>
    [Alias("Get"), ReadOnly]
    Task<SealConfig?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the configuration; false when the cluster is already initialized (nothing changes).</summary>
    [Alias("Initialize")]
    Task<bool> InitializeAsync(SealConfig config, CancellationToken cancellationToken = default);
}
