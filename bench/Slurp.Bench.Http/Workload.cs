using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Slurp.Bench.Http;

/// <summary>The kinds of request a run measures.</summary>
internal enum OperationKind
{
    /// <summary>A PUT that creates a node (201).</summary>
    Write,

    /// <summary>A GET of a resolved node (200).</summary>
    Read,

    /// <summary>A PUT of new content to an existing node: a new version (200).</summary>
    Update,
}

/// <summary>
/// Makes the requests of a run. Writes PUT a new node each, spread over folders of 64 files
/// (<c>/src/w{worker}/d{n}/f{k}</c>) as a repository would be; updates PUT new content to the nodes of such
/// a tree written first (<see cref="BenchOptions.UpdateNodes"/> over all workers), round-robin; reads GET
/// the deepest node of a chain of <see cref="BenchOptions.Depth"/> written levels, resolved through every
/// ancestor. Each run writes into its own task (<c>ucxl://any:any@bench:{run}/…</c>), so runs never see
/// each other's nodes.
/// </summary>
internal sealed class Workload
{
    private const int FilesPerFolder = 64;

    private readonly BenchOptions _options;
    private readonly SlurpHttp _http;
    private readonly WriteBodyTemplate[] _templates;
    private readonly WriteBodyTemplate[] _updateTemplates;
    private readonly int[] _poolSizes;
    private readonly string _readPath;

    public Workload(BenchOptions options, SlurpHttp http, string run, string token)
    {
        _options = options;
        _http = http;
        Run = run;
        Token = token;
        _templates = [.. Enumerable.Range(0, options.Concurrency).Select(w => ContextPayload.WriteTemplate(options.PayloadBytes, w))];
        _updateTemplates = options.Mode == BenchMode.Update
            ? [.. Enumerable.Range(0, options.Concurrency).Select(w => ContextPayload.UpdateTemplate(options.PayloadBytes, w))]
            : [];

        // The first (UpdateNodes % Concurrency) workers take one node more, so the pool is exactly UpdateNodes.
        _poolSizes = options.Mode == BenchMode.Update
            ? [.. Enumerable.Range(0, options.Concurrency).Select(w => options.UpdateNodes / options.Concurrency + (w < options.UpdateNodes % options.Concurrency ? 1 : 0))]
            : [];
        _readPath = SlurpHttp.ChainPath(options.Depth);
    }

    /// <summary>The run's id, also its UCXL task.</summary>
    public string Run { get; }

    public string Token { get; }

    /// <summary>The <c>inheritance_depth</c> the server reported for the read target (0 for write runs).</summary>
    public int ReadInheritanceDepth { get; private set; }

    /// <summary>
    /// An upper bound for <see cref="PrepareAsync"/>: a minute, plus, in update mode, 50 ms per node of the
    /// pool — 20 creations a second in all, a tenth of the slowest durable profile measured (PostgreSQL, one
    /// writer, docs/benchmarks.md), so only a broken or stalled host reaches it.
    /// </summary>
    public static TimeSpan SetupBound(BenchOptions options) =>
        TimeSpan.FromMinutes(1) + (options.Mode == BenchMode.Update ? TimeSpan.FromMilliseconds(50.0 * options.UpdateNodes) : TimeSpan.Zero);

    /// <summary>
    /// Writes the nodes to update (update mode), or the read chain (read and mixed modes) and checks that the
    /// target resolves.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == BenchMode.Update)
        {
            await CreatePoolAsync(cancellationToken);
            return;
        }

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
    /// In update mode also the pool just created: <c>update-uris.txt</c>, one request URI per node (worker by
    /// worker), and <c>update-body.json</c>, an update body whose sequence slot holds zeros (wrk/update.lua
    /// fills it, so every request is new content).
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
        if (_options.Mode == BenchMode.Update)
        {
            var uris = Enumerable.Range(0, _options.Concurrency)
                .SelectMany(worker => Enumerable.Range(0, _poolSizes[worker]).Select(index => "/" + SlurpHttp.ContextUri(Run, NodePath(worker, index))));
            await File.WriteAllLinesAsync(Path.Combine(folder, "update-uris.txt"), uris, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(folder, "update-body.json"), ContextPayload.UpdateTemplate(_options.PayloadBytes, 0).Render(0), cancellationToken);
        }
    }

    /// <summary>The next request of a worker.</summary>
    public (HttpRequestMessage Request, OperationKind Kind) Next(int worker, long sequence, Random random)
    {
        if (_options.Mode == BenchMode.Update)
        {
            // The sequence is unique per worker and only this worker writes its nodes, so each body differs
            // from the node's current content: every request appends a version.
            var node = (int)(sequence % _poolSizes[worker]);
            return (SlurpHttp.Put(Token, Run, NodePath(worker, node), _updateTemplates[worker].Render(sequence)), OperationKind.Update);
        }

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

        return (SlurpHttp.Put(Token, Run, NodePath(worker, sequence), _templates[worker].Render(sequence)), OperationKind.Write);
    }

    /// <summary>
    /// Whether the answer is the one the operation expects: a new node 201; a read 200; an update 200 and a new
    /// version. The server also answers 200 when the content equals the head, without storing a version; only
    /// that answer carries <c>"unchanged":true</c>.
    /// </summary>
    public static bool IsExpected(OperationKind kind, HttpStatusCode status, ReadOnlySpan<byte> body) => kind switch
    {
        OperationKind.Write => status == HttpStatusCode.Created,
        OperationKind.Update => status == HttpStatusCode.OK && body.IndexOf("\"unchanged\":true"u8) < 0,
        _ => status == HttpStatusCode.OK,
    };

    /// <summary>
    /// Creates every worker's nodes with write mode's request, one worker per concurrent lane, so the pool
    /// fills at the run's own concurrency; progress goes to stderr about every 10 %.
    /// </summary>
    private async Task CreatePoolAsync(CancellationToken cancellationToken)
    {
        var total = _options.UpdateNodes;
        var step = Math.Max(1, total / 10);
        var created = 0;
        Console.Error.WriteLine($"update pool: creating {total} nodes over {_options.Concurrency} workers");
        await Task.WhenAll(Enumerable.Range(0, _options.Concurrency).Select(worker => Task.Run(
            async () =>
            {
                for (var index = 0; index < _poolSizes[worker]; index++)
                {
                    var body = _templates[worker].Render(index);
                    using var request = SlurpHttp.Put(Token, Run, NodePath(worker, index), body);
                    using var response = await _http.Client.SendAsync(request, cancellationToken);

                    // 201 only: anything else means the node is not a fresh version 1, and the run would not
                    // measure what it says.
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException(
                            $"creating update node {NodePath(worker, index)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    }

                    var done = Interlocked.Increment(ref created);
                    if (done % step == 0 || done == total)
                    {
                        Console.Error.WriteLine($"update pool: {done}/{total} nodes created");
                    }
                }
            },
            cancellationToken)));
    }

    /// <summary>The <paramref name="index"/>th node of a worker's own tree: <c>/src/w{worker}/d{n}/f{k}</c>, 64 files a folder.</summary>
    private static string NodePath(int worker, long index)
    {
        var folder = (index / FilesPerFolder).ToString("D5", CultureInfo.InvariantCulture);
        var file = (index % FilesPerFolder).ToString("D2", CultureInfo.InvariantCulture);
        return $"/src/w{worker.ToString("D3", CultureInfo.InvariantCulture)}/d{folder}/f{file}";
    }
}
