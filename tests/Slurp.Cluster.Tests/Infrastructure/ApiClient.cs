using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>One answer of the front door, with the W3C trace id the request carried and when it was sent and answered.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonNode? Body, string TraceId, DateTimeOffset SentAt, DateTimeOffset AnsweredAt)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
}

/// <summary>The calls of the HTTP API (API.md) these tests make, against one silo's front door.</summary>
public sealed class ApiClient(SiloProcess silo) : IDisposable
{
    /// <summary>Longer than the front door's retry budget (15 s), so its 503 arrives before the client gives up.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(40);

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 64 })
    {
        BaseAddress = silo.BaseAddress,
        Timeout = RequestTimeout,
    };

    public SiloProcess Silo => silo;

    /// <summary><c>ucxl://{agent}:{role}@{project}:{task}/[{temporal}/]{path}</c>.</summary>
    public static string Address(string project, string path, string role = "backend_developer", int? version = null) =>
        $"ucxl://any:{role}@{project}:main{(version is { } v ? $"/*~{v}" : string.Empty)}{path}";

    /// <summary><c>POST /v1/sys/init</c> on this silo: the shares and the root token.</summary>
    public async Task<(string[] Keys, string RootToken)> InitSealAsync(int shares, int threshold, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, "v1/sys/init", null, new JsonObject { ["shares"] = shares, ["threshold"] = threshold }, cancellationToken);
        return answer.Status == HttpStatusCode.OK
            ? ([.. answer.Body!["keys"]!.AsArray().Select(k => k!.GetValue<string>())], answer.Body["root_token"]!.GetValue<string>())
            : throw new InvalidOperationException($"{silo.Name}: init failed: {answer}");
    }

    /// <summary>Submits <paramref name="shares"/> to this silo's <c>POST /v1/sys/unseal</c>; fails unless it ends unsealed.</summary>
    public async Task UnsealAsync(IEnumerable<string> shares, CancellationToken cancellationToken)
    {
        ApiAnswer? last = null;
        foreach (var share in shares)
        {
            last = await SendAsync(HttpMethod.Post, "v1/sys/unseal", null, new JsonObject { ["key"] = share }, cancellationToken);
            if (last.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{silo.Name}: unseal failed: {last}");
            }
        }

        if (last?.Body?["sealed"]?.GetValue<bool>() != false)
        {
            throw new InvalidOperationException($"{silo.Name}: still sealed after the shares: {last}");
        }
    }

    /// <summary><c>POST /v1/agents</c> (admin); the new agent's token.</summary>
    public async Task<string> CreateAgentAsync(string adminToken, string agentId, string[] roles, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["agent_id"] = agentId, ["roles"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]) };
        var answer = await SendAsync(HttpMethod.Post, "v1/agents", adminToken, body, cancellationToken);
        return answer.Status == HttpStatusCode.Created
            ? answer.Body!["token"]!.GetValue<string>()
            : throw new InvalidOperationException($"{silo.Name}: creating agent {agentId} failed: {answer}");
    }

    /// <summary><c>PUT /v1/context</c> with a summary and a few list fields.</summary>
    public Task<ApiAnswer> PutAsync(string token, string address, string summary, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["context_data"] = new JsonObject
            {
                ["summary"] = summary,
                ["purpose"] = "cluster test probe",
                ["tags"] = new JsonArray("cluster-test"),
                ["insights"] = new JsonArray($"written as {summary}"),
            },
            ["change_reason"] = "code_change",
        };
        return SendAsync(HttpMethod.Put, "v1/context?address=" + Uri.EscapeDataString(address), token, body, cancellationToken);
    }

    /// <summary><c>GET /v1/context</c> without resolution.</summary>
    public Task<ApiAnswer> GetAsync(string token, string address, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"v1/context?address={Uri.EscapeDataString(address)}&resolve=false", token, null, cancellationToken);

    /// <summary><c>POST /v1/keys/{role}/rotate</c> (admin).</summary>
    public Task<ApiAnswer> RotateAsync(string adminToken, string role, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"v1/keys/{Uri.EscapeDataString(role)}/rotate", adminToken, null, cancellationToken);

    /// <summary>The item of <c>GET /v1/keys</c> (admin) for <paramref name="role"/>: its versions and re-wrap status.</summary>
    public async Task<JsonObject> RoleKeysAsync(string adminToken, string role, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, "v1/keys", adminToken, null, cancellationToken);
        if (answer.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{silo.Name}: GET /v1/keys: {answer}");
        }

        return answer.Body!["items"]!.AsArray().Select(i => i!.AsObject()).SingleOrDefault(i => i["role"]?.GetValue<string>() == role)
            ?? throw new InvalidOperationException($"{silo.Name}: GET /v1/keys lists no role {role}: {answer}");
    }

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string relativeUri, string? token, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relativeUri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // The front door's log entries for this request carry this trace id in their scopes.
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var sentAt = DateTimeOffset.UtcNow;
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var answeredAt = DateTimeOffset.UtcNow;
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

        return new ApiAnswer(response.StatusCode, parsed, traceId, sentAt, answeredAt);
    }

    public void Dispose() => _http.Dispose();
}
