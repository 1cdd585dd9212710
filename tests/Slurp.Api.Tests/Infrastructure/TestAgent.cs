using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>An agent registered through <c>POST /v1/agents</c>, with a client that presents its token.</summary>
public sealed record TestAgent(string Id, string Token, HttpClient Client);

/// <summary>Registers agents the way an operator would: through the API with the admin token.</summary>
public static class TestAgents
{
    /// <summary>A new agent with a unique id holding <paramref name="roles"/>.</summary>
    public static async Task<TestAgent> CreateAgentAsync(this SlurpApiFactory factory, params string[] roles)
    {
        var id = "agent-" + Guid.NewGuid().ToString("N");
        using var admin = factory.AdminClient();
        var response = await admin.PostAsync("/v1/agents", Json.Content(new JsonObject
        {
            ["agent_id"] = id,
            ["roles"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]),
        }));
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var token = body["token"]!.GetValue<string>();
        return new TestAgent(id, token, factory.ClientWithToken(token));
    }

    /// <summary>Reads a JSON answer after checking its status (the body is in the failure message).</summary>
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Posts JSON.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body) =>
        client.PostAsync(url, Json.Content(body));

    /// <summary>Sends a JSON body with PUT.</summary>
    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode body) =>
        client.PutAsync(url, Json.Content(body));

    /// <summary>Reads the answer as JSON without checking the status.</summary>
    public static async Task<JsonNode?> AsJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonNode>();
}
