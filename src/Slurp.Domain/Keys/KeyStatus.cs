namespace Slurp.Domain.Keys;

/// <summary>The verdict of <see cref="RotationPolicy.Evaluate(RoleKeyRing, DateTimeOffset, TimeSpan)"/> for one role.</summary>
/// <param name="Health">Where the active key stands.</param>
/// <param name="DueAt">When the active key is due for rotation (its expiry); null when there is no active key.</param>
public sealed record KeyStatus(KeyHealth Health, DateTimeOffset? DueAt)
{
    /// <summary>True when a rotation should run now: there is no active key, or it has expired.</summary>
    public bool NeedsRotation => Health is KeyHealth.NoKey or KeyHealth.Due;
}
