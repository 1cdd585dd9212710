using System.Net;
using System.Text.Json.Nodes;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Reads the audit log through <c>GET /v1/audit</c> with the admin token.</summary>
public static class AuditQueries
{
    /// <summary><c>/v1/audit?name=value…</c> with every value URL-encoded.</summary>
    public static string Url(params (string Name, string Value)[] query) =>
        "/v1/audit" + (query.Length == 0 ? string.Empty : "?" + string.Join("&", query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value))));

    /// <summary>The first page (up to 1000 entries, newest first) of the entries matching <paramref name="query"/>.</summary>
    public static async Task<JsonArray> AuditEntriesAsync(this SlurpApiFactory factory, params (string Name, string Value)[] query)
    {
        using var admin = factory.AdminClient();
        var page = await (await admin.GetAsync(Url([.. query, ("limit", "1000")]))).ReadJsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray();
    }

    public static string Text(this JsonNode entry, string name) => entry[name]!.GetValue<string>();
}
