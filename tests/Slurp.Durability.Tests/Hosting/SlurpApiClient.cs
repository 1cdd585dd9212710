using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slurp.Durability.Tests.Hosting;

/// <summary>The few calls of the HTTP API (API.md) these tests make, as raw JSON over one pooled client.</summary>
public sealed class SlurpApiClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>An answer: the status and the parsed body (null when empty).</summary>
    public sealed record Answer(HttpStatusCode Status, JsonNode? Body)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;

        public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
    }

    /// <summary><c>POST /v1/agents</c>; returns the agent's token.</summary>
    public async Task<string> CreateAgentAsync(string adminToken, string agentId, string[] roles, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["agent_id"] = agentId, ["roles"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]) };
        var answer = await SendAsync(HttpMethod.Post, "v1/agents", adminToken, body, cancellationToken);
        return answer.Status == HttpStatusCode.Created
            ? answer.Body!["token"]!.GetValue<string>()
            : throw new InvalidOperationException("creating agent " + agentId + " failed: " + answer);
    }

    /// <summary><c>PUT /v1/roles/{name}</c>.</summary>
    public Task<Answer> PutRoleAsync(string adminToken, string name, string accessLevel, string[] scopes, bool canWrite, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["access_level"] = accessLevel,
            ["scopes"] = new JsonArray([.. scopes.Select(s => JsonValue.Create(s))]),
            ["can_write"] = canWrite,
        };
        return SendAsync(HttpMethod.Put, "v1/roles/" + Uri.EscapeDataString(name), adminToken, body, cancellationToken);
    }

    /// <summary><c>GET /v1/roles</c>.</summary>
    public Task<Answer> GetRolesAsync(string token, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "v1/roles", token, null, cancellationToken);

    /// <summary><c>PUT /v1/context</c> with the given <c>context_data</c>.</summary>
    public Task<Answer> PutContextAsync(string token, string address, JsonObject contextData, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["context_data"] = contextData, ["change_reason"] = "code_change" };
        return SendAsync(HttpMethod.Put, "v1/context?address=" + Uri.EscapeDataString(address), token, body, cancellationToken);
    }

    /// <summary><c>GET /v1/context</c>, resolved or not.</summary>
    public Task<Answer> GetContextAsync(string token, string address, bool resolve, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"v1/context?address={Uri.EscapeDataString(address)}&resolve={(resolve ? "true" : "false")}", token, null, cancellationToken);

    /// <summary>Every version number in <c>GET /v1/context/history</c> of the main branch, following the cursors.</summary>
    public async Task<List<int>> GetHistoryVersionsAsync(string token, string address, CancellationToken cancellationToken)
    {
        var versions = new List<int>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var uri = $"v1/context/history?address={Uri.EscapeDataString(address)}&limit=1000"
                + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var answer = await SendAsync(HttpMethod.Get, uri, token, null, cancellationToken);
            if (answer.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"history of {address}: {answer}");
            }

            versions.AddRange(answer.Body!["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
            cursor = answer.Body["next_cursor"]?.GetValue<string>();
            if (cursor is null)
            {
                return versions;
            }
        }

        throw new InvalidOperationException($"history of {address} did not end within 100 pages");
    }

    public async Task<Answer> SendAsync(HttpMethod method, string relativeUri, string? token, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relativeUri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? parsed = null;
        if (text.Length > 0)
        {
            try
            {
                parsed = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                parsed = JsonValue.Create(text);
            }
        }

        return new Answer(response.StatusCode, parsed);
    }

    public void Dispose() => _http.Dispose();
}
