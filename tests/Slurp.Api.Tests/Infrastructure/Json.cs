using System.Text;
using System.Text.Json.Nodes;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Request bodies as the wire sees them.</summary>
public static class Json
{
    /// <summary>A node as an <c>application/json</c> body.</summary>
    public static StringContent Content(JsonNode body) => Content(body.ToJsonString());

    /// <summary>Raw JSON text as an <c>application/json</c> body (for bodies a typed object could not express).</summary>
    public static StringContent Content(string rawJson) => new(rawJson, Encoding.UTF8, "application/json");

    /// <summary>A string array.</summary>
    public static JsonArray Array(params string[] items) => new([.. items.Select(i => JsonValue.Create(i))]);

    /// <summary>The strings of a JSON array.</summary>
    public static string[] Strings(JsonNode? array) =>
        [.. array!.AsArray().Select(item => item!.GetValue<string>())];
}
