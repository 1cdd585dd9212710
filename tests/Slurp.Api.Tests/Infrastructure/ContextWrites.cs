using System.Text.Json.Nodes;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Bodies of <c>PUT /v1/context</c>.</summary>
public static class ContextWrites
{
    /// <summary>
    /// A valid write: only the required fields, plus whatever <paramref name="more"/> adds to the body
    /// and <paramref name="data"/> adds to <c>context_data</c>.
    /// </summary>
    public static JsonObject Body(
        string? summary = null, string changeReason = "code_change", JsonObject? data = null, JsonObject? more = null)
    {
        var contextData = data ?? [];
        if (summary is not null)
        {
            contextData["summary"] = summary;
        }

        var body = new JsonObject { ["context_data"] = contextData, ["change_reason"] = changeReason };
        foreach (var (name, value) in more ?? [])
        {
            body[name] = value?.DeepClone();
        }

        return body;
    }
}
