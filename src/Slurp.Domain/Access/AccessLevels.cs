namespace Slurp.Domain.Access;

/// <summary>
/// The wire form of <see cref="AccessLevel"/>: the lower-case names <c>low</c>, <c>medium</c>, <c>high</c>
/// and <c>critical</c> used by <c>classification</c> and a role's <c>access_level</c>.
/// </summary>
public static class AccessLevels
{
    /// <summary>Every wire name, ordered from the least to the most sensitive level.</summary>
    public static IReadOnlyList<string> WireNames { get; } = Array.AsReadOnly(["low", "medium", "high", "critical"]);

    /// <summary>
    /// Parses a wire name. Only the exact lower-case names are accepted: no numbers, no other casing,
    /// no surrounding whitespace.
    /// </summary>
    /// <returns>True and the level when <paramref name="text"/> is a wire name; otherwise false and <see cref="AccessLevel.Low"/>.</returns>
    public static bool TryParse(string? text, out AccessLevel level)
    {
        switch (text)
        {
            case "low":
                level = AccessLevel.Low;
                return true;
            case "medium":
                level = AccessLevel.Medium;
                return true;
            case "high":
                level = AccessLevel.High;
                return true;
            case "critical":
                level = AccessLevel.Critical;
                return true;
            default:
                level = AccessLevel.Low;
                return false;
        }
    }

    /// <summary>The wire name of a level.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="AccessLevel"/>.</exception>
    public static string ToWire(AccessLevel level) => level switch
    {
        AccessLevel.Low => "low",
        AccessLevel.Medium => "medium",
        AccessLevel.High => "high",
        AccessLevel.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a defined access level."),
    };
}
