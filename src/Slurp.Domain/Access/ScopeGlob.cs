using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Slurp.Domain.Access;

/// <summary>
/// A role's scope: an absolute path glob over node paths (API.md "roles").
/// <list type="bullet">
/// <item><c>**</c> as a whole segment matches zero or more segments: <c>/**</c> matches every path including the
/// root <c>/</c>; <c>/api/**</c> matches <c>/api</c> and everything below it, but not <c>/apix</c>.</item>
/// <item><c>*</c> inside a segment matches any run of characters except <c>/</c>: <c>/docs/*.md</c>.</item>
/// <item>Every other character is literal (there is no escaping, and <c>?</c> or <c>[</c> are not special);
/// a pattern without wildcards matches exactly that path. The pattern <c>/</c> matches only the root.</item>
/// </list>
/// Matching is case-sensitive (ordinal) and never backtracks: its cost grows with the path length times the
/// pattern length, whatever the wildcards. Two globs are equal when their patterns are equal (ordinal).
/// </summary>
public sealed record ScopeGlob
{
    /// <summary>The limit shared with address paths (API.md "Addresses").</summary>
    public const int MaxPatternBytes = 4096;

    internal const string GlobStar = "**";

    // One entry per pattern segment: null for "**", otherwise the segment split on '*'
    // (a single part means a literal segment).
    private readonly string[]?[] _segments;

    private ScopeGlob(string pattern, string[]?[] segments)
    {
        Pattern = pattern;
        _segments = segments;
    }

    /// <summary>The pattern as written, e.g. <c>/api/**</c>.</summary>
    public string Pattern { get; }

    /// <summary>
    /// Parses a scope pattern. Rejected, each with an error that names the problem: null or empty, longer than
    /// <see cref="MaxPatternBytes"/> UTF-8 bytes, control characters, a relative pattern (not starting with
    /// <c>/</c>), a trailing <c>/</c> (except the root pattern <c>/</c>), empty segments (<c>//</c>),
    /// <c>.</c> or <c>..</c> segments, and <c>**</c> that is not a whole segment.
    /// </summary>
    /// <returns>True with <paramref name="glob"/> set, or false with <paramref name="error"/> set.</returns>
    public static bool TryParse(
        string? pattern,
        [NotNullWhen(true)] out ScopeGlob? glob,
        [NotNullWhen(false)] out string? error)
    {
        error = Check(pattern, out var segments);
        if (error is not null)
        {
            glob = null;
            return false;
        }

        glob = new ScopeGlob(pattern!, segments!);
        return true;
    }

    /// <summary>Parses a scope pattern that is known to be valid (configuration defaults, tests).</summary>
    /// <exception cref="FormatException">The pattern is not valid; the message says why.</exception>
    public static ScopeGlob Parse(string pattern) =>
        TryParse(pattern, out var glob, out var error) ? glob : throw new FormatException(error);

    /// <summary>
    /// True when the glob matches <paramref name="path"/>, a node path that is already valid
    /// (<c>/</c> or <c>/seg/seg</c>). Anything that does not start with <c>/</c> matches nothing.
    /// </summary>
    public bool Matches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        // A set-of-states simulation: state i means "the first i pattern segments have matched".
        // Patterns have a few segments: the two state sets live on the stack (this runs per role per ancestor per request).
        var count = _segments.Length;
        Span<bool> active = count < 64 ? stackalloc bool[count + 1] : new bool[count + 1];
        Span<bool> next = count < 64 ? stackalloc bool[count + 1] : new bool[count + 1];
        active.Clear();
        active[0] = true;
        FollowGlobStars(active);

        if (path.Length > 1)
        {
            var rest = path.AsSpan(1);
            while (true)
            {
                var slash = rest.IndexOf('/');
                var segment = slash < 0 ? rest : rest[..slash];
                if (!Step(active, next, segment))
                {
                    return false;
                }

                var previous = active;
                active = next;
                next = previous;
                if (slash < 0)
                {
                    break;
                }

                rest = rest[(slash + 1)..];
            }
        }

        return active[count];
    }

    /// <summary>Equal when the patterns are equal (ordinal).</summary>
    public bool Equals(ScopeGlob? other) =>
        other is not null && string.Equals(Pattern, other.Pattern, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Pattern);

    /// <summary>The pattern as written.</summary>
    public override string ToString() => Pattern;

    // Consumes one path segment; returns false when no state survives.
    private bool Step(ReadOnlySpan<bool> active, Span<bool> next, ReadOnlySpan<char> segment)
    {
        next.Clear();
        var any = false;
        for (var i = 0; i < _segments.Length; i++)
        {
            if (!active[i])
            {
                continue;
            }

            var parts = _segments[i];
            if (parts is null)
            {
                next[i] = true;
                any = true;
            }
            else if (SegmentMatches(parts, segment))
            {
                next[i + 1] = true;
                any = true;
            }
        }

        FollowGlobStars(next);
        return any;
    }

    // "**" may match zero segments: a state sitting before "**" also sits after it.
    private void FollowGlobStars(Span<bool> states)
    {
        for (var i = 0; i < _segments.Length; i++)
        {
            if (states[i] && _segments[i] is null)
            {
                states[i + 1] = true;
            }
        }
    }

    // Parts come from splitting on '*' with no two stars adjacent, so taking each middle part at its
    // leftmost occurrence is always a correct choice: no backtracking is needed.
    private static bool SegmentMatches(string[] parts, ReadOnlySpan<char> segment)
    {
        if (parts.Length == 1)
        {
            return segment.SequenceEqual(parts[0]);
        }

        var first = parts[0];
        var last = parts[^1];
        if (segment.Length < first.Length + last.Length
            || !segment.StartsWith(first, StringComparison.Ordinal)
            || !segment.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var middle = segment[first.Length..^last.Length];
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var at = middle.IndexOf(parts[i], StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            middle = middle[(at + parts[i].Length)..];
        }

        return true;
    }

    private static string? Check(string? pattern, out string[]?[]? segments)
    {
        segments = null;
        if (string.IsNullOrEmpty(pattern))
        {
            return "A scope must not be empty; \"/**\" covers every path.";
        }

        var bytes = Encoding.UTF8.GetByteCount(pattern);
        if (bytes > MaxPatternBytes)
        {
            return $"A scope is at most {MaxPatternBytes} bytes of UTF-8; this one has {bytes}.";
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (char.IsControl(pattern[i]))
            {
                return $"A scope must not contain control characters; found U+{(int)pattern[i]:X4} at position {i}.";
            }
        }

        // Control characters are ruled out from here on, so quoting the pattern in an error is safe.
        if (pattern[0] != '/')
        {
            return $"A scope is an absolute path starting with '/'; \"{pattern}\" is relative.";
        }

        if (pattern.Length == 1)
        {
            segments = [];
            return null;
        }

        if (pattern[^1] == '/')
        {
            return $"A scope must not end with '/' (only the root scope \"/\" may): \"{pattern}\".";
        }

        var texts = pattern[1..].Split('/');
        var parsed = new string[]?[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i];
            var number = i + 1;
            if (text.Length == 0)
            {
                return $"A scope must not contain an empty segment ('//'); segment {number} of \"{pattern}\" is empty.";
            }

            if (text is "." or "..")
            {
                return $"A scope must not contain '.' or '..' segments; segment {number} of \"{pattern}\" is \"{text}\".";
            }

            if (text == GlobStar)
            {
                parsed[i] = null;
                continue;
            }

            if (text.Contains(GlobStar, StringComparison.Ordinal))
            {
                return $"'**' must be a whole path segment; segment {number} of \"{pattern}\" is \"{text}\".";
            }

            parsed[i] = text.Split('*');
        }

        segments = parsed;
        return null;
    }
}
