using System.Buffers;
using System.Text.Json;

namespace Slurp.Host.Api;

/// <summary>A request body that was read and parsed, or the problem to answer instead.</summary>
internal readonly record struct JsonBody<T>(T? Value, byte[] Raw, IResult? Problem)
    where T : class;

/// <summary>
/// Reads JSON request bodies with the size limit enforced while reading (so chunked uploads are bounded
/// too) and turns every parse failure into a 400 naming the JSON path.
/// </summary>
internal static class JsonBodyReader
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return Fail<T>(Problems.TooLarge(maxBytes));
        }

        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (mediaType is not null && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail<T>(Problems.UnsupportedMediaType($"Content-Type '{mediaType}' is not JSON; send application/json"));
        }

        byte[] raw;
        try
        {
            // A request retried after a transient failure (TransientFailureRetry) reads the bytes it read before.
            if (request.HttpContext.Features.Get<ReadBody>() is { } earlier)
            {
                raw = earlier.Raw;
            }
            else
            {
                raw = request.ContentLength is { } length and <= int.MaxValue
                    ? await ReadDeclaredAsync(request.Body, (int)length, cancellationToken)
                    : await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
                request.HttpContext.Features.Set(new ReadBody(raw));
            }
        }
        catch (BodyTooLargeException)
        {
            return Fail<T>(Problems.TooLarge(maxBytes));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Fail<T>(Problems.TooLarge(maxBytes));
        }

        if (raw.Length == 0)
        {
            return Fail<T>(Problems.BadRequest("missing-body", "A JSON body is required", "the request has no body"));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(raw, SlurpJson.Options);
            return value is null
                ? Fail<T>(Problems.BadRequest("invalid-json", "The body is not a JSON object", "the body is JSON null"))
                : new JsonBody<T>(value, raw, null);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            var errors = new Dictionary<string, string[]> { [path] = [Describe(ex)] };
            return Fail<T>(Problems.Validation(errors, $"the body is not valid JSON for this request at {path}"));
        }
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json's messages name CLR types; say what JSON the field expects instead.
        var message = ex.Message;
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return "this member is given more than once; send it once";
        }

        const string Marker = "could not be converted to ";
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            var type = message[(at + Marker.Length)..].Split(' ', 2)[0].TrimEnd('.');
            return "wrong JSON type: expected " + Expected(type);
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Expected(string clrType) => clrType switch
    {
        _ when clrType.StartsWith("System.Collections.Generic.List`1[System.String]", StringComparison.Ordinal) => "an array of strings",
        _ when clrType.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "an object",
        _ when clrType.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "an array",
        "System.String" => "a string",
        "System.Int32" or "System.Nullable`1[System.Int32]" or "System.Int64" => "an integer",
        "System.Boolean" or "System.Nullable`1[System.Boolean]" => "true or false",
        _ => "an object",
    };

    // Content-Length was checked against the limit and the server holds the client to it: read into one array of that size.
    private static async Task<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var raw = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var read = await body.ReadAsync(raw.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return raw[..filled];
            }

            filled += read;
        }

        return raw;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new BodyTooLargeException();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static JsonBody<T> Fail<T>(IResult problem)
        where T : class => new(null, [], problem);

    private sealed class BodyTooLargeException : Exception;

    // The body as read once: kept with the request instead of buffering every request's stream to make it seekable.
    private sealed record ReadBody(byte[] Raw);
}
