namespace Slurp.Abstractions.Keys;

/// <summary>
/// The versioned keys of one role (key "rolekey/{role}"). Key material is created here, wrapped by the
/// master-derived wrapping key of this silo, and never stored unwrapped.
/// </summary>
[Alias("slurp.IRoleKeyGrain")]
public interface IRoleKeyGrain : IGrainWithStringKey
{
    /// <summary>All versions, oldest first.</summary>
    [Alias("GetRing"), ReadOnly]
    Task<RoleKeyRecord[]> GetRingAsync(CancellationToken cancellationToken = default);

    /// <summary>The active version, created first when the role has none.</summary>
    [Alias("EnsureActive")]
    Task<RoleKeyRecord> EnsureActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a new active version and demotes the previous one to decrypt-only.</summary>
    [Alias("Rotate")]
    Task<RoleKeyRecord> RotateAsync(CancellationToken cancellationToken = default);

    /// <summary>Retires decrypt-only versions below <paramref name="belowVersion"/> (their material is dropped).</summary>
    [Alias("RetireBelow")]
    Task<int> RetireBelowAsync(int belowVersion, CancellationToken cancellationToken = default);
}
