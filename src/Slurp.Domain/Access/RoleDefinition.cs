using System.Diagnostics.CodeAnalysis;

namespace Slurp.Domain.Access;

/// <summary>
/// A role of the access-control matrix (API.md "roles"): how sensitive a view it gets, which paths it covers,
/// and whether it may write there. The record does not validate itself; a name comes from
/// <see cref="IsValidName(string?, out string?)"/> and scopes from <see cref="ScopeGlob.TryParse"/>.
/// Record equality compares <see cref="Scopes"/> by reference; use <see cref="ContentEquals"/> to compare content.
/// </summary>
/// <param name="Name">The role name, e.g. <c>backend_developer</c>; compared ordinally.</param>
/// <param name="AccessLevel">The most sensitive classification the role may be given by default.</param>
/// <param name="Scopes">The paths the role covers; none means it covers no node (the auditor).</param>
/// <param name="CanWrite">Whether the role may write at the paths it covers.</param>
public sealed record RoleDefinition(string Name, AccessLevel AccessLevel, IReadOnlyList<ScopeGlob> Scopes, bool CanWrite)
{
    /// <summary>The longest role name accepted.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The address wildcard, which can never name a role.</summary>
    public const string Wildcard = "any";

    /// <summary>True when any of the role's scopes matches <paramref name="path"/>.</summary>
    public bool Covers(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Indexed: a foreach over the interface would allocate an enumerator on every call of this hot check.
        for (var i = 0; i < Scopes.Count; i++)
        {
            if (Scopes[i].Matches(path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Same name, level, write permission and scopes in the same order.</summary>
    public bool ContentEquals([NotNullWhen(true)] RoleDefinition? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && AccessLevel == other.AccessLevel
        && CanWrite == other.CanWrite
        && Scopes.SequenceEqual(other.Scopes);

    /// <summary>
    /// A role name is 1–64 characters of <c>[A-Za-z0-9_-]</c> and is not the address wildcard <c>any</c>
    /// (in any casing, so that no role can be mistaken for it).
    /// </summary>
    /// <returns>True, or false with <paramref name="error"/> saying what is wrong.</returns>
    public static bool IsValidName([NotNullWhen(true)] string? name, [NotNullWhen(false)] out string? error) =>
        IsValidName(name, "A role name", "a role", out error);

    /// <summary>
    /// The same rule for another kind of name (agent ids follow it too); <paramref name="subject"/> starts the
    /// messages ("An agent id") and <paramref name="named"/> ends the wildcard's ("an agent").
    /// </summary>
    public static bool IsValidName([NotNullWhen(true)] string? name, string subject, string named, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(name))
        {
            error = $"{subject} must not be empty.";
            return false;
        }

        if (name.Length > MaxNameLength)
        {
            error = $"{subject} is at most {MaxNameLength} characters; this one has {name.Length}.";
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                var shown = char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c)
                    ? $"U+{(int)c:X4}"
                    : $"'{c}'";
                error = $"{subject} may hold only letters, digits, '_' and '-'; found {shown} at position {i}.";
                return false;
            }
        }

        if (string.Equals(name, Wildcard, StringComparison.OrdinalIgnoreCase))
        {
            error = $"\"{name}\" is the address wildcard and cannot name {named}.";
            return false;
        }

        error = null;
        return true;
    }
}
