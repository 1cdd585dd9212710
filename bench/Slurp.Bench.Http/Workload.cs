using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Slurp.Bench.Http;

/// <summary>The two kinds of request a run measures.</summary>
internal enum OperationKind
{
    Write,
    Read,
}

/// <summary>
/// Makes the requests of a run. Writes PUT a new node each, spread over folders of 64 files
/// (<c>/src/w{worker}/d{n}/f{k}</c>) as a repository would be; reads GET the deepest node of a chain of
/// <see cref="BenchOptions.Depth"/> written levels, resolved through every ancestor. Each run writes into
/// its own task (<c>ucxl://any:any@bench:{run}/…</c>), so runs never see each other's nodes.
/// </summary>
internal sealed class Workload
{
    private const int FilesPerFolder = 64;

    private readonly BenchOptions _options;
    private readonly SlurpHttp _http;
    private readonly WriteBodyTemplate[] _templates;
    private readonly string _readPath;

    public Workload(BenchOptions options, SlurpHttp http, string run, string token)
    {
        _options = options;
        _http = http;
        Run = run;
        Token = token;
        _templates = [.. Enumerable.Range(0, options.Concurrency).Select(w => ContextPayload.WriteTemplate(options.PayloadBytes, w))];
        _readPath = SlurpHttp.ChainPath(options.Depth);
    }

    /// <summary>The run's id, also its UCXL task.</summary>
    public string Run { get; }

    public string Token { get; }

    /// <summary>The <c>inheritance_depth</c> the server reported for the read target (0 for write runs).</summary>
    public int ReadInheritanceDepth { get; private set; }

    /// <summary>Writes the read chain (read and mixed modes) and checks that the target resolves.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == BenchMode.Write)
        {
            return;
        }

        for (var level = 1; level <= _options.Depth; level++)
        {
            await _http.PutAsync(Token, Run, SlurpHttp.ChainPath(level), ContextPayload.ChainLevelBody(level, _options.Depth, _options.PayloadBytes), cancellationToken);
        }

        var view = JsonNode.Parse(await _http.GetAsync(Token, Run, _readPath, cancellationToken))!;
        ReadInheritanceDepth = view["hierarchy_metadata"]?["inheritance_depth"]?.GetValue<int>() ?? 0;
    }

    /// <summary>
    /// For other clients (wrk): <c>env</c> with the URL, token, task and the URL-encoded read address, and
    /// <c>put-body.json</c>, a PUT body whose context_data is <see cref="BenchOptions.PayloadBytes"/> bytes.
    /// </summary>
    public async Task ExportAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var env = string.Join('\n',
            $"SLURP_URL={_options.Url.GetLeftPart(UriPartial.Authority)}",
            $"SLURP_TOKEN={Token}",
            $"SLURP_TASK={Run}",
            $"SLURP_READ_URI=/{SlurpHttp.ContextUri(Run, _readPath)}",
            string.Empty);
        await File.WriteAllTextAsync(Path.Combine(folder, "env"), env, cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, "put-body.json"), ContextPayload.WriteTemplate(_options.PayloadBytes, 0).Render(0), cancellationToken);
    }

    /// <summary>The next request of a worker.</summary>
    public (HttpRequestMessage Request, OperationKind Kind) Next(int worker, long sequence, Random random)
    {
        var read = _options.Mode switch
        {
            BenchMode.Read => true,
            BenchMode.Write => false,
            _ => random.Next(100) < _options.ReadPercent,
        };
        if (read)
        {
            return (SlurpHttp.Get(Token, Run, _readPath), OperationKind.Read);
        }

        var folder = (sequence / FilesPerFolder).ToString("D5", CultureInfo.InvariantCulture);
        var file = (sequence % FilesPerFolder).ToString("D2", CultureInfo.InvariantCulture);
        var path = $"/src/w{worker.ToString("D3", CultureInfo.InvariantCulture)}/d{folder}/f{file}";
        return (SlurpHttp.Put(Token, Run, path, _templates[worker].Render(sequence)), OperationKind.Write);
    }

    /// <summary>Whether the answer is the one the operation expects (a new node: 201; a read: 200).</summary>
    public static bool IsExpected(OperationKind kind, HttpStatusCode status) =>
        kind == OperationKind.Write ? status == HttpStatusCode.Created : status == HttpStatusCode.OK;
}
