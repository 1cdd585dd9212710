namespace Slurp.Domain.Keys;

/// <summary>How a role's active key stands against its rotation schedule (see <see cref="RotationPolicy"/>).</summary>
public enum KeyHealth
{
    /// <summary>The role has no active key, so nothing can be encrypted for it until one is created.</summary>
    NoKey,

    /// <summary>The active key is not near its expiry.</summary>
    Ok,

    /// <summary>The active key expires within the warning window.</summary>
    Warning,

    /// <summary>The active key has expired and must be rotated.</summary>
    Due,
}
