using System.Net;
using System.Text;
using System.Text.Unicode;

namespace Slurp.Host.Api;

/// <summary>
/// Refuses a query string whose percent-encoded bytes are not UTF-8. ASP.NET decodes such bytes to U+FFFD, so
/// <c>%FF</c> and <c>%FE</c> in an address would name the same node: a guess, where API.md asks for a 400 that
/// says which part is wrong. Checked before any handler reads a parameter, so the refused request changes nothing.
/// </summary>
internal sealed class QueryEncodingCheck : IEndpointFilter
{
    // Long enough to recognise the parameter, short enough not to echo a hostile query back.
    private const int MaxNameInDetail = 64;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        InvalidParameter(context.HttpContext.Request.QueryString.Value) is { } name
            ? ValueTask.FromResult<object?>(Problems.BadRequest(
                "invalid-query-encoding",
                "The query string is not valid UTF-8",
                $"query parameter '{name}' holds percent-encoded bytes that are not UTF-8; percent-encode the UTF-8 bytes of its text"))
            : next(context);

    /// <summary>The name of the first parameter (or its value) that does not decode as UTF-8; null when all do.</summary>
    internal static string? InvalidParameter(string? query)
    {
        if (string.IsNullOrEmpty(query) || !EscapesNonAscii(query))
        {
            return null;
        }

        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (!Utf8.IsValid(Unescape(pair)))
            {
                var name = pair.Split('=', 2)[0];
                var shown = Encoding.UTF8.GetString(Unescape(name));
                return shown.Length <= MaxNameInDetail ? shown : shown[..MaxNameInDetail] + "…";
            }
        }

        return null;
    }

    // Only an escaped byte of 0x80 or more can start or continue a multi-byte sequence: most queries have none.
    private static bool EscapesNonAscii(string query)
    {
        for (var i = query.IndexOf('%'); i >= 0 && i + 2 < query.Length; i = query.IndexOf('%', i + 1))
        {
            if (query[i + 1] is (>= '8' and <= '9') or (>= 'A' and <= 'F') or (>= 'a' and <= 'f') && Uri.IsHexDigit(query[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    // The bytes a percent-decoder sees (Kestrel admits only ASCII in the request target; an invalid escape stays itself).
    private static byte[] Unescape(string text)
    {
        var raw = Encoding.UTF8.GetBytes(text);
        return WebUtility.UrlDecodeToBytes(raw, 0, raw.Length);
    }
}
