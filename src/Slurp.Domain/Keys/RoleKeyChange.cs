namespace Slurp.Domain.Keys;

/// <summary>
/// One append-only record of a role's key log. The log is the truth; a <see cref="RoleKeyRing"/> is its fold.
/// The hierarchy is closed: the only kinds are <see cref="KeyCreated"/>, <see cref="KeyDemoted"/> and
/// <see cref="KeyRetired"/>.
/// </summary>
public abstract record RoleKeyChange
{
    private protected RoleKeyChange()
    {
    }

    /// <summary>The key version the change is about; each kind's positional <c>Version</c> implements it.</summary>
    public abstract int Version { get; init; }
}
