using System.Net;
using System.Text.Json.Nodes;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>The seal endpoints (<c>/v1/sys</c>), as an operator calls them.</summary>
public static class SealRequests
{
    public static async Task<JsonNode> SealStatusAsync(this HttpClient client) =>
        await (await client.GetAsync("/v1/sys/seal-status")).ReadJsonAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> InitAsync(this HttpClient client, int shares, int threshold) =>
        client.PostJsonAsync("/v1/sys/init", new JsonObject { ["shares"] = shares, ["threshold"] = threshold });

    public static Task<HttpResponseMessage> UnsealAsync(this HttpClient client, string key) =>
        client.PostJsonAsync("/v1/sys/unseal", new JsonObject { ["key"] = key });

    /// <summary>Submits <paramref name="key"/> and returns the seal status it answers with.</summary>
    public static async Task<JsonNode> UnsealOkAsync(this HttpClient client, string key) =>
        await (await client.UnsealAsync(key)).ReadJsonAsync(HttpStatusCode.OK);

    /// <summary>Initializes with 5 shares and threshold 3; returns the shares and the root token.</summary>
    public static async Task<(string[] Keys, string RootToken)> InitFiveOfThreeAsync(this HttpClient client)
    {
        var init = await (await client.InitAsync(5, 3)).ReadJsonAsync(HttpStatusCode.OK);
        return (Json.Strings(init["keys"]), init["root_token"]!.GetValue<string>());
    }
}
