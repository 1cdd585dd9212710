using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Slurp.Bench.Http;

/// <summary>The HTTP side of a run: one keep-alive connection per concurrent request, addresses, setup calls.</summary>
internal sealed class SlurpHttp : IDisposable
{
    private readonly HttpClient _client;

    public SlurpHttp(Uri baseAddress, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client => _client;

    /// <summary>Path segments of the read chain's node at <paramref name="level"/> (1-based): /src/chain/l3/…</summary>
    public static string ChainPath(int level) =>
        "/" + string.Join('/', Enumerable.Range(1, level).Select(i => i switch { 1 => "src", 2 => "chain", _ => $"l{i}" }));

    public static string Address(string task, string path) => $"ucxl://any:any@bench:{task}{path}";

    public static string ContextUri(string task, string path) => "v1/context?address=" + Uri.EscapeDataString(Address(task, path));

    /// <summary>Registers agent <c>bench-{run}</c> (role backend_developer: writes and reads /src/**) and returns its token.</summary>
    public async Task<string> CreateAgentAsync(string adminToken, string run, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/agents")
        {
            Content = new StringContent(
                new JsonObject { ["agent_id"] = "bench-" + run, ["roles"] = new JsonArray("backend_developer") }.ToJsonString(),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await _client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /v1/agents answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!["token"]!.GetValue<string>();
    }

    /// <summary>A PUT that must succeed (setup, not measured).</summary>
    public async Task PutAsync(string token, string task, string path, string body, CancellationToken cancellationToken)
    {
        using var request = Put(token, task, path, Encoding.UTF8.GetBytes(body));
        using var response = await _client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"PUT {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>A GET that must succeed (setup, not measured); returns the body.</summary>
    public async Task<string> GetAsync(string token, string task, string path, CancellationToken cancellationToken)
    {
        using var request = Get(token, task, path);
        using var response = await _client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
    }

    public static HttpRequestMessage Put(string token, string task, string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, ContextUri(task, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage Get(string token, string task, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ContextUri(task, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public void Dispose() => _client.Dispose();
}
