using System.Globalization;

namespace Slurp.Bench.Http;

/// <summary>What the load generator sends, for how long, and where.</summary>
internal enum BenchMode
{
    /// <summary>PUT a new node per request (2 KB context_data): the durable write path.</summary>
    Write,

    /// <summary>
    /// PUT new content to one of a pool of existing nodes per request: a new version (200), the like-for-like
    /// of pgbench's UPSERT, which bumps the version of a preloaded key.
    /// </summary>
    Update,

    /// <summary>GET the deepest node of a prepared chain, resolved through all its ancestors.</summary>
    Read,

    /// <summary>Reads and writes interleaved by <see cref="BenchOptions.ReadPercent"/>.</summary>
    Mixed,
}

/// <summary>Command-line options of a load run (see bench/README.md).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Slurp.Bench.Http — HTTP load generator for the SLURP front door

        run (default):
          --url URL              host to load, e.g. http://127.0.0.1:5080 (loopback only unless --allow-remote)
          --token T              bearer token of an agent that may write /src/** (or give --admin-token)
          --admin-token T        admin token: the run registers its own agent bench-<run> (roles backend_developer)
          --mode write|update|read|mixed   default write
          --concurrency N        concurrent requests, one keep-alive connection each; default 16
          --duration D           measured time (10, 10s, 500ms, 1m); default 10s
          --warmup D             load before measuring, not counted; default 3s
          --payload-bytes N      size of each written context_data object in bytes; default 2048
          --depth N              read/mixed: depth of the node read (every level written first); default 8
          --read-percent N       mixed: share of reads; default 90
          --update-nodes N       update: existing nodes written first (at --concurrency, not measured), spread
                                 over the workers; each request gives one of its worker's nodes a new version
                                 (round-robin); default 2000
          --start-gate FILE      after setup, create FILE and wait (at most 10 min) until it is deleted before the
                                 warm-up, so a caller can read its counters between setup and load (run.sh)
          --label TEXT           run label for the table and JSON; default <mode>
          --json-out FILE        append the result as one JSON line
          --header               print the markdown table header before the row
          --allow-remote         permit a non-loopback --url
          --prepare-only DIR     set up only (agent, read chain; in update mode the pool) and write DIR/env and
                                 DIR/put-body.json (update mode also DIR/update-uris.txt and DIR/update-body.json)
                                 for other clients such as wrk (see wrk/*.lua); measures nothing

        summarize FILE...        medians (min–max) per mode and concurrency over the JSON lines of FILEs
        summarize-wrk FILE...    the same over wrk --latency outputs named <test>_c<conns>_t<threads>_r<round>.txt
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:5080/");
    public string? Token { get; init; }
    public string? AdminToken { get; init; }
    public BenchMode Mode { get; init; } = BenchMode.Write;
    public int Concurrency { get; init; } = 16;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public int PayloadBytes { get; init; } = 2048;
    public int Depth { get; init; } = 8;
    public int ReadPercent { get; init; } = 90;
    public int UpdateNodes { get; init; } = 2000;
    public string? StartGate { get; init; }
    public string? Label { get; init; }
    public string? JsonOut { get; init; }
    public bool Header { get; init; }
    public bool AllowRemote { get; init; }
    public string? PrepareOnly { get; init; }

    /// <summary>Parses <c>--name value</c> / <c>--name=value</c> arguments; throws <see cref="ArgumentException"/> with the reason.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            string Value()
            {
                if (eq > 0)
                {
                    return arg[(eq + 1)..];
                }

                return ++i < args.Count ? args[i] : throw new ArgumentException($"--{name} needs a value");
            }

            options = name switch
            {
                "url" => options with { Url = ParseUrl(Value()) },
                "token" => options with { Token = Value() },
                "admin-token" => options with { AdminToken = Value() },
                "mode" => options with { Mode = ParseMode(Value()) },
                "concurrency" => options with { Concurrency = ParseInt(name, Value(), 1, 4096) },
                "duration" => options with { Duration = ParseDuration(name, Value()) },
                "warmup" => options with { Warmup = ParseDuration(name, Value(), allowZero: true) },
                "payload-bytes" => options with { PayloadBytes = ParseInt(name, Value(), 256, 512 * 1024) },
                "depth" => options with { Depth = ParseInt(name, Value(), 1, 32) },
                "read-percent" => options with { ReadPercent = ParseInt(name, Value(), 0, 100) },
                "update-nodes" => options with { UpdateNodes = ParseInt(name, Value(), 1, 1_000_000) },
                "start-gate" => options with { StartGate = Value() },
                "label" => options with { Label = Value() },
                "json-out" => options with { JsonOut = Value() },
                "header" => options with { Header = true },
                "allow-remote" => options with { AllowRemote = true },
                "prepare-only" => options with { PrepareOnly = Value() },
                _ => throw new ArgumentException($"unknown option --{name}"),
            };
        }

        if (options.Token is null && options.AdminToken is null)
        {
            throw new ArgumentException("give --token (an agent that may write /src/**) or --admin-token");
        }

        if (options.Mode == BenchMode.Update && options.UpdateNodes < options.Concurrency)
        {
            // Every worker updates only nodes of its own, so none waits on another's node grain.
            throw new ArgumentException($"--update-nodes ({options.UpdateNodes}) must be at least --concurrency ({options.Concurrency}): every worker needs a node of its own");
        }

        if (!options.AllowRemote && !options.Url.IsLoopback)
        {
            throw new ArgumentException($"{options.Url} is not a loopback address; load tests stay on this machine unless --allow-remote");
        }

        return options;
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"--url '{text}' is not an http(s) URL");

    private static BenchMode ParseMode(string text) => text.ToLowerInvariant() switch
    {
        "write" => BenchMode.Write,
        "update" => BenchMode.Update,
        "read" => BenchMode.Read,
        "mixed" => BenchMode.Mixed,
        _ => throw new ArgumentException($"--mode '{text}' is not write, update, read or mixed"),
    };

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"--{name} must be a whole number from {min} to {max} (got '{text}')");

    private static TimeSpan ParseDuration(string name, string text, bool allowZero = false)
    {
        var (number, unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value < 0 || (value == 0 && !allowZero) || value * unit > 3600)
        {
            throw new ArgumentException($"--{name} '{text}' is not a duration such as 10s, 500ms or 1m (at most 1 h)");
        }

        return TimeSpan.FromSeconds(value * unit);
    }
}
