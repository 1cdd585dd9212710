namespace Slurp.Domain.Keys;

/// <summary>The life cycle of one version of a role key (DESIGN.md "Encryption"); it only moves forward.</summary>
public enum RoleKeyState
{
    /// <summary>Wraps new data keys and unwraps old ones; a role has at most one active key.</summary>
    Active,

    /// <summary>Still unwraps the data keys it wrapped, but never wraps new ones.</summary>
    DecryptOnly,

    /// <summary>Nothing references the key any more; its wrapped material is dropped and may be destroyed.</summary>
    Retired,
}
