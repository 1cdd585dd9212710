using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slurp.Host.Api;

/// <summary>The one JSON dialect of the API: snake_case names, strict types, unknown and repeated members refused.</summary>
internal static class SlurpJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the API's settings to an options instance (also used for ASP.NET's own JSON output).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;

        // A repeated member would otherwise be "the last one wins": a guess, and one that a proxy or
        // validator in front of SLURP may make the other way.
        options.AllowDuplicateProperties = false;
        return options;
    }
}
