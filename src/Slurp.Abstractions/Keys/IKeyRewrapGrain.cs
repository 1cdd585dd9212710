namespace Slurp.Abstractions.Keys;

/// <summary>
/// Re-wraps every data key of one role (key = the role) to its active key version by walking all
/// nodes, then retires the older versions. Driven by rotation and by the role key's reminder.
/// </summary>
[Alias("slurp.IKeyRewrapGrain")]
public interface IKeyRewrapGrain : IGrainWithStringKey
{
    /// <summary>Schedules a pass to version <paramref name="targetVersion"/> after <paramref name="delay"/>; returns at once.</summary>
    [Alias("Start"), AlwaysInterleave]
    Task StartAsync(int targetVersion, TimeSpan delay);

    /// <summary>Progress of the current or last pass.</summary>
    [Alias("GetStatus"), AlwaysInterleave]
    Task<RewrapStatus> GetStatusAsync();
}
