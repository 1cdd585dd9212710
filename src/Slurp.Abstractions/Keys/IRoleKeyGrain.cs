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

    /// <summary>
    /// The active version, created first when the role has none. The caller may keep using it without asking again
    /// for <c>RoleKeyGrain.ActiveLease</c> from before its call: a rotation waits until every such lease has lapsed.
    /// </summary>
    [Alias("EnsureActive")]
    Task<RoleKeyRecord> EnsureActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new active version and demotes the previous one to decrypt-only, once the leases on the previous one
    /// (<see cref="EnsureActiveAsync"/>) have lapsed: when it returns, no silo wraps a new data key under the old version.
    /// </summary>
    [Alias("Rotate")]
    Task<RoleKeyRecord> RotateAsync(CancellationToken cancellationToken = default);

    /// <summary>Retires decrypt-only versions below <paramref name="belowVersion"/> (their material is dropped).</summary>
    [Alias("RetireBelow")]
    Task<int> RetireBelowAsync(int belowVersion, CancellationToken cancellationToken = default);
}
