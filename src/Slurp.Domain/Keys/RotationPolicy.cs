namespace Slurp.Domain.Keys;

/// <summary>
/// When a role key must be rotated: a pure function of the ring and <c>now</c> (no clock is read here).
/// A key is <see cref="KeyHealth.Due"/> from the instant it expires, and <see cref="KeyHealth.Warning"/>
/// during the warning window before that (the window's start included).
/// </summary>
public static class RotationPolicy
{
    /// <summary>The shortest rotation period accepted, in days.</summary>
    public const int MinRotationDays = 1;

    /// <summary>The longest rotation period accepted, in days (about ten years).</summary>
    public const int MaxRotationDays = 3650;

    /// <summary>How long before its expiry a key is reported as <see cref="KeyHealth.Warning"/> by default.</summary>
    public static readonly TimeSpan DefaultWarningWindow = TimeSpan.FromDays(7);

    /// <summary><see cref="Evaluate(RoleKeyRing, DateTimeOffset, TimeSpan)"/> with <see cref="DefaultWarningWindow"/>.</summary>
    public static KeyStatus Evaluate(RoleKeyRing ring, DateTimeOffset now) => Evaluate(ring, now, DefaultWarningWindow);

    /// <summary>
    /// The health of <paramref name="ring"/>'s active key at <paramref name="now"/>: <see cref="KeyHealth.NoKey"/>
    /// without an active key; <see cref="KeyHealth.Due"/> when <c>now ≥ ExpiresAt</c>; <see cref="KeyHealth.Warning"/>
    /// when <c>ExpiresAt − now ≤ warningWindow</c>; otherwise <see cref="KeyHealth.Ok"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warningWindow"/> is negative.</exception>
    public static KeyStatus Evaluate(RoleKeyRing ring, DateTimeOffset now, TimeSpan warningWindow)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfLessThan(warningWindow, TimeSpan.Zero);
        if (ring.Active is not { } active)
        {
            return new KeyStatus(KeyHealth.NoKey, null);
        }

        // Compare the remaining time instead of computing ExpiresAt − window, which could fall off the calendar.
        var remaining = active.ExpiresAt - now;
        var health = remaining <= TimeSpan.Zero ? KeyHealth.Due
            : remaining <= warningWindow ? KeyHealth.Warning
            : KeyHealth.Ok;
        return new KeyStatus(health, active.ExpiresAt);
    }

    /// <summary>
    /// Counts over <paramref name="rings"/> at <paramref name="now"/>: roles with an active key, active keys
    /// that are due, and active keys that are due or in their warning window.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warningWindow"/> is negative.</exception>
    public static KeyCounts Count(IEnumerable<RoleKeyRing> rings, DateTimeOffset now, TimeSpan warningWindow)
    {
        ArgumentNullException.ThrowIfNull(rings);
        int active = 0, expired = 0, due = 0;
        foreach (var ring in rings)
        {
            var status = Evaluate(ring, now, warningWindow);
            if (status.Health == KeyHealth.NoKey)
            {
                continue;
            }

            active++;
            expired += status.Health == KeyHealth.Due ? 1 : 0;
            due += status.Health is KeyHealth.Due or KeyHealth.Warning ? 1 : 0;
        }

        return new KeyCounts(active, expired, due);
    }

    /// <summary>The lifetime of a new key for a rotation period of <paramref name="rotationDays"/> whole days.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rotationDays"/> is outside 1..3650.</exception>
    public static TimeSpan Lifetime(int rotationDays)
    {
        if (rotationDays is < MinRotationDays or > MaxRotationDays)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rotationDays), rotationDays, $"The rotation period must be {MinRotationDays} to {MaxRotationDays} days.");
        }

        return TimeSpan.FromDays(rotationDays);
    }
}
