using System.Globalization;
using System.Text;

namespace Slurp.Host.Api;

/// <summary>A parsed page request: how many items and where to continue.</summary>
internal readonly record struct PageRequest(int Limit, int? After, string? AfterName);

/// <summary>The list conventions of API.md: <c>limit</c> (default 100, max 1000) and an opaque <c>cursor</c>.</summary>
internal static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>A page over versions, newest first; the cursor carries the last version shown.</summary>
    public static bool TryParse(string? limit, string? cursor, out PageRequest page, out IResult? problem)
    {
        page = default;
        if (!TryLimit(limit, out var n, out problem))
        {
            return false;
        }

        int? after = null;
        if (cursor is not null)
        {
            var text = Decode(cursor);
            if (text is null || !text.StartsWith("v:", StringComparison.Ordinal)
                || !int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                problem = InvalidCursor();
                return false;
            }

            after = v;
        }

        page = new PageRequest(n, after, null);
        return true;
    }

    /// <summary>A page over names in ordinal order; the cursor carries the last name shown.</summary>
    public static bool TryParseName(string? limit, string? cursor, out PageRequest page, out IResult? problem)
    {
        page = default;
        if (!TryLimit(limit, out var n, out problem))
        {
            return false;
        }

        string? after = null;
        if (cursor is not null)
        {
            var text = Decode(cursor);
            if (text is null || !text.StartsWith("n:", StringComparison.Ordinal))
            {
                problem = InvalidCursor();
                return false;
            }

            after = text[2..];
        }

        page = new PageRequest(n, null, after);
        return true;
    }

    /// <summary>
    /// One page of <paramref name="items"/> in ordinal order of <paramref name="name"/>: those after the cursor's name,
    /// at most the limit, and the cursor of the next page (null on the last).
    /// </summary>
    public static (List<T> Items, string? Next) ByName<T>(IEnumerable<T> items, Func<T, string> name, PageRequest page)
    {
        var after = items
            .Where(i => page.AfterName is null || string.CompareOrdinal(name(i), page.AfterName) > 0)
            .OrderBy(name, StringComparer.Ordinal)
            .ToList();
        var shown = after.Take(page.Limit).ToList();
        return (shown, after.Count > page.Limit ? NameCursor(name(shown[^1])) : null);
    }

    public static string Cursor(int lastVersion) => Encode("v:" + lastVersion.ToString(CultureInfo.InvariantCulture));

    public static string NameCursor(string lastName) => Encode("n:" + lastName);

    /// <summary>A version number given in a query string (1 or more).</summary>
    public static bool TryParseVersion(string? text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version >= 1;

    private static bool TryLimit(string? limit, out int n, out IResult? problem)
    {
        problem = null;
        n = DefaultLimit;
        if (limit is null)
        {
            return true;
        }

        if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n is >= 1 and <= MaxLimit)
        {
            return true;
        }

        problem = Problems.BadRequest("invalid-query", "The limit is not valid", $"limit must be a whole number from 1 to {MaxLimit} (got '{limit}')");
        return false;
    }

    private static IResult InvalidCursor() =>
        Problems.BadRequest("invalid-cursor", "The cursor is not valid", "pass back the next_cursor of the previous page unchanged");

    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }
}
