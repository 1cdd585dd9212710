using System.Globalization;
using System.Text.Json;
using Slurp.Bench.Http;

// HTTP load generator for the SLURP front door. See bench/README.md.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(BenchOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "summarize")
{
    return Summary.Print(args[1..], Console.Out);
}

if (args[0] == "summarize-wrk")
{
    return WrkSummary.Print(args[1..], Console.Out);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args[0] == "run" ? args[1..] : args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// Every wait is bounded: setup (which grows with update mode's pool), the start gate, then warm-up, the
// measured window and the drain of in-flight requests; each phase resets the deadline for the next.
using var deadline = new CancellationTokenSource(Workload.SetupBound(options));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    deadline.Cancel();
};

var run = "r" + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
using var http = new SlurpHttp(options.Url, options.Concurrency);
try
{
    var token = options.AdminToken is { } admin ? await http.CreateAgentAsync(admin, run, deadline.Token) : options.Token!;
    var workload = new Workload(options, http, run, token);
    await workload.PrepareAsync(deadline.Token);
    if (options.PrepareOnly is { } folder)
    {
        await workload.ExportAsync(folder, deadline.Token);
        Console.Error.WriteLine($"prepared run {run}: {Path.Combine(folder, "env")}, {Path.Combine(folder, options.Mode == BenchMode.Update ? "update-body.json" : "put-body.json")}");
        return 0;
    }

    if (options.StartGate is { } gate)
    {
        // The caller snapshots its counters (fsyncs, CPU, audit entries) while this waits, so they cover
        // the load and not the setup; it deletes the file to start the run.
        deadline.CancelAfter(TimeSpan.FromMinutes(10));
        await File.WriteAllTextAsync(gate, run + "\n", deadline.Token);
        Console.Error.WriteLine($"setup done; waiting until {gate} is deleted");
        while (File.Exists(gate))
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    deadline.CancelAfter(options.Warmup + options.Duration + TimeSpan.FromMinutes(2));
    var target = options.Mode switch
    {
        BenchMode.Write => string.Empty,
        BenchMode.Update => $", round-robin over {options.UpdateNodes} existing nodes ({PerWorker(options.UpdateNodes, options.Concurrency)} per worker)",
        _ => $", read target at depth {options.Depth} (inheritance_depth {workload.ReadInheritanceDepth})",
    };
    Console.Error.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"run {run}: {options.Mode} x{options.Concurrency} against {options.Url}, {options.Warmup.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s{target}"));

    var results = await new LoadRun(options, http, workload).RunAsync(deadline.Token);
    if (options.Header)
    {
        Console.WriteLine(RunResult.MarkdownHeader);
    }

    foreach (var result in results)
    {
        Console.WriteLine(result.MarkdownRow());
        if (result.FirstError is { } error)
        {
            Console.Error.WriteLine($"{result.Label}: {result.Errors} errors, first: {error}");
        }

        if (options.JsonOut is { } file)
        {
            await File.AppendAllTextAsync(file, JsonSerializer.Serialize(result, RunResult.Json) + "\n", deadline.Token);
        }
    }

    return results.Any(r => r.Requests == 0) ? 1 : 0;
}
catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or OperationCanceledException or IOException)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 1;
}

static string PerWorker(int nodes, int workers) =>
    nodes % workers == 0 ? $"{nodes / workers}" : $"{nodes / workers}–{(nodes / workers) + 1}";
