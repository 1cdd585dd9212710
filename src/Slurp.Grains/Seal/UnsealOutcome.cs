namespace Slurp.Grains.Seal;

/// <summary>What a submitted unseal share did.</summary>
public enum UnsealOutcome
{
    /// <summary>The share was taken; more are needed.</summary>
    Accepted,
    /// <summary>The threshold was reached and the combined key verified: the silo is unsealed.</summary>
    Unsealed,
    /// <summary>This very share was already submitted; nothing changed.</summary>
    Duplicate,
    /// <summary>
    /// Another share with this x-coordinate was already submitted: one of the two is mistyped and which cannot be
    /// told, so progress was reset.
    /// </summary>
    ConflictingShare,
    /// <summary>The threshold was reached but the shares do not combine to the master key; progress was reset.</summary>
    WrongShares,
    /// <summary>The silo was already unsealed.</summary>
    AlreadyUnsealed,
}
