namespace Slurp.Postgres.Tests.Cluster;

/// <summary>A grain that exercises ADO.NET persistence and reminders on the PostgreSQL profile.</summary>
[Alias("slurp.tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>The persisted value and how many writes produced it.</summary>
    [Alias("GetAsync")]
    Task<ProbeState> GetAsync();

    /// <summary>Stores <paramref name="value"/> (WriteStateAsync).</summary>
    [Alias("SetAsync")]
    Task SetAsync(string value);

    /// <summary>Deactivates after this call, so the next call reads the state from storage.</summary>
    [Alias("DeactivateAsync")]
    Task DeactivateAsync();

    /// <summary>Registers the reminder <c>tick</c>, first due after <paramref name="period"/>.</summary>
    [Alias("StartTickingAsync")]
    Task StartTickingAsync(TimeSpan period);

    /// <summary>Unregisters the reminder <c>tick</c>.</summary>
    [Alias("StopTickingAsync")]
    Task StopTickingAsync();

    /// <summary>The reminders this activation has received.</summary>
    [Alias("GetTicksAsync")]
    Task<int> GetTicksAsync();

    /// <summary>Whether the reminder <c>tick</c> is registered.</summary>
    [Alias("IsTickingAsync")]
    Task<bool> IsTickingAsync();
}
