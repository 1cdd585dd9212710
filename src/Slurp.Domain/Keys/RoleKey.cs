using System.Diagnostics.CodeAnalysis;

namespace Slurp.Domain.Keys;

/// <summary>
/// One version of a role's key as the key ring sees it after replaying its changes. The key itself is never
/// here in the clear: <see cref="WrappedMaterial"/> is the 32-byte key wrapped by the master key, opaque to
/// this layer. Treat the array as read-only; <see cref="RoleKeyRing"/> copies it so that a ring never shares
/// a buffer with the change records it was built from.
/// Record equality compares <see cref="WrappedMaterial"/> by reference; use <see cref="ContentEquals"/>.
/// </summary>
/// <param name="Role">The role the key belongs to.</param>
/// <param name="Version">The key's version, 1 for the role's first key, then one more at each rotation.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="ExpiresAt">When the rotation policy says the key is due for rotation.</param>
/// <param name="State">Where the key is in its life cycle.</param>
/// <param name="WrappedMaterial">The key wrapped by the master key; empty once <see cref="RoleKeyState.Retired"/>.</param>
public sealed record RoleKey(
    string Role,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    RoleKeyState State,
    byte[] WrappedMaterial)
{
    /// <summary>True when <paramref name="now"/> is at or after <see cref="ExpiresAt"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Same role, version, instants, state and wrapped bytes.</summary>
    public bool ContentEquals([NotNullWhen(true)] RoleKey? other) =>
        other is not null
        && string.Equals(Role, other.Role, StringComparison.Ordinal)
        && Version == other.Version
        && CreatedAt == other.CreatedAt
        && ExpiresAt == other.ExpiresAt
        && State == other.State
        && WrappedMaterial.AsSpan().SequenceEqual(other.WrappedMaterial);
}
