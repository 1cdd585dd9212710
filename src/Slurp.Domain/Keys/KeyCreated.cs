using System.Diagnostics.CodeAnalysis;

namespace Slurp.Domain.Keys;

/// <summary>
/// A new key version was created and is the role's active key. Its version is always one more than the
/// highest version the role had. Record equality compares <see cref="WrappedMaterial"/> by reference; use
/// <see cref="ContentEquals"/>.
/// </summary>
/// <param name="Role">The role the key belongs to.</param>
/// <param name="Version">The new version.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="ExpiresAt">When it is due for rotation; after <paramref name="CreatedAt"/>.</param>
/// <param name="WrappedMaterial">The key wrapped by the master key; not empty.</param>
public sealed record KeyCreated(
    string Role,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    byte[] WrappedMaterial) : RoleKeyChange
{
    /// <summary>Same role, version, instants and wrapped bytes.</summary>
    public bool ContentEquals([NotNullWhen(true)] KeyCreated? other) =>
        other is not null
        && string.Equals(Role, other.Role, StringComparison.Ordinal)
        && Version == other.Version
        && CreatedAt == other.CreatedAt
        && ExpiresAt == other.ExpiresAt
        && WrappedMaterial.AsSpan().SequenceEqual(other.WrappedMaterial);
}
