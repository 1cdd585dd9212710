using System.Diagnostics.CodeAnalysis;

namespace Slurp.Domain.Versions;

/// <summary>
/// Branch names of a node's history: <c>[A-Za-z0-9][A-Za-z0-9_.-]{0,63}</c>, compared ordinally.
/// Every node starts on <see cref="Main"/>.
/// </summary>
public static class BranchName
{
    /// <summary>The branch every node's first version is written to, and the default of reads and writes.</summary>
    public const string Main = "main";

    /// <summary>The longest branch name accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// True when <paramref name="name"/> is 1–64 characters, starts with an ASCII letter or digit and continues
    /// with ASCII letters, digits, <c>_</c>, <c>.</c> or <c>-</c>.
    /// </summary>
    /// <returns>True, or false with <paramref name="error"/> saying what is wrong.</returns>
    public static bool IsValid([NotNullWhen(true)] string? name, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(name))
        {
            error = "A branch name must not be empty.";
            return false;
        }

        if (name.Length > MaxLength)
        {
            error = $"A branch name is at most {MaxLength} characters; this one has {name.Length}.";
            return false;
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            error = $"A branch name starts with a letter or digit; found {Show(name[0])}.";
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '.' and not '-')
            {
                error = $"A branch name may hold only letters, digits, '_', '.' and '-'; found {Show(c)} at position {i}.";
                return false;
            }
        }

        error = null;
        return true;
    }

    // Invisible characters are named by code point so the error is readable.
    private static string Show(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
