namespace Slurp.Domain.Keys;

/// <summary>
/// Thrown when a role's key log cannot be folded into a ring: the change at <see cref="ChangeIndex"/> does not
/// follow from the ones before it (a duplicate or skipped version, a second active key, a demotion or
/// retirement of a key that is unknown or in the wrong state, a key of another role). A stored log that
/// throws this is corrupt; it is never repaired silently.
/// </summary>
public sealed class InvalidRoleKeyChangeException : InvalidOperationException
{
    /// <summary>Creates the exception; the message names the role, the position and the problem.</summary>
    public InvalidRoleKeyChangeException(string role, int changeIndex, string problem)
        : base($"Key log of role '{role}', change #{changeIndex}: {problem}")
    {
        Role = role;
        ChangeIndex = changeIndex;
        Problem = problem;
    }

    /// <summary>The role whose log is invalid.</summary>
    public string Role { get; }

    /// <summary>The 0-based position of the offending change in the sequence being applied.</summary>
    public int ChangeIndex { get; }

    /// <summary>What is wrong with the change, without the role and position.</summary>
    public string Problem { get; }
}
