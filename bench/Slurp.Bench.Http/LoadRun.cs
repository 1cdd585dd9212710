using System.Diagnostics;
using System.Net;

namespace Slurp.Bench.Http;

/// <summary>
/// Closed-loop load: <see cref="BenchOptions.Concurrency"/> workers, each with one request outstanding at a
/// time on its own keep-alive connection, for warm-up plus duration. A request counts when it completes
/// inside the measured window (as wrk counts), with its latency from just before sending to the last byte.
/// </summary>
internal sealed class LoadRun(BenchOptions options, SlurpHttp http, Workload workload)
{
    private const int ReadBufferBytes = 64 * 1024;

    public async Task<IReadOnlyList<RunResult>> RunAsync(CancellationToken cancellationToken)
    {
        var stats = new WorkerStats[options.Concurrency];
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        var cpu = MeasureClientCpuAsync(measureFrom, measureTo, cancellationToken);
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(w => Task.Run(() => WorkerAsync(w, stats[w] = new WorkerStats(), measureFrom, measureTo, cancellationToken), cancellationToken))
            .ToArray();
        await Task.WhenAll(workers);
        var clientCores = await cpu;

        var kinds = options.Mode switch
        {
            BenchMode.Write => new[] { OperationKind.Write },
            BenchMode.Update => [OperationKind.Update],
            BenchMode.Read => [OperationKind.Read],
            _ => [OperationKind.Read, OperationKind.Write],
        };
        var label = options.Label ?? options.Mode.ToString().ToLowerInvariant();
        return [.. kinds.Select(kind => RunResult.From(
            kinds.Length == 1 ? label : $"{label}-{kind.ToString().ToLowerInvariant()}",
            options, workload, kind, stats.Select(s => s.For(kind)).ToList(), clientCores))];
    }

    private async Task WorkerAsync(int worker, WorkerStats stats, long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        var random = new Random(worker * 7919 + 17);
        var buffer = new byte[ReadBufferBytes];
        for (long sequence = 0; Stopwatch.GetTimestamp() < measureTo && !cancellationToken.IsCancellationRequested; sequence++)
        {
            var (request, kind) = workload.Next(worker, sequence, random);
            var started = Stopwatch.GetTimestamp();
            var ok = false;
            long bytes = 0;
            string? failure = null;
            var broken = false;
            try
            {
                using (request)
                using (var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    int read;
                    var filled = 0;
                    while ((read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
                    {
                        bytes += read;

                        // Keep the answer whole while it fits (all of ours do), so an update's can be checked.
                        filled = filled + read < buffer.Length ? filled + read : 0;
                    }

                    ok = Workload.IsExpected(kind, response.StatusCode, buffer.AsSpan(0, filled));
                    if (!ok)
                    {
                        // An update answered 200 fails only as "unchanged": say so, the status alone looks fine.
                        var unchanged = kind == OperationKind.Update && response.StatusCode == HttpStatusCode.OK ? " unchanged" : string.Empty;
                        failure = $"{(int)response.StatusCode}{unchanged} {request.Method} {request.RequestUri}";
                    }
                }
            }
            catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                failure = ex.GetType().Name + ": " + ex.Message;
                broken = true;
            }

            var finished = Stopwatch.GetTimestamp();
            if (finished > measureFrom && finished <= measureTo)
            {
                stats.For(kind).Record(ok, finished - started, bytes, failure);
            }

            if (broken)
            {
                // A refused or broken connection fails at once; do not spin on it.
                await Task.Delay(10, cancellationToken);
            }
        }
    }

    private static async Task<double> MeasureClientCpuAsync(long from, long to, CancellationToken cancellationToken)
    {
        await Task.Delay(Until(from), cancellationToken);
        using var self = Process.GetCurrentProcess();
        var before = self.TotalProcessorTime;
        var wallFrom = Stopwatch.GetTimestamp();
        await Task.Delay(Until(to), cancellationToken);
        self.Refresh();
        return (self.TotalProcessorTime - before).TotalSeconds / Stopwatch.GetElapsedTime(wallFrom).TotalSeconds;
    }

    private static TimeSpan Until(long timestamp)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}

/// <summary>
/// One worker's measurements, per kind of operation (no locking: one worker writes them). A run has at most
/// one kind of write, so new nodes and updates share the write counters.
/// </summary>
internal sealed class WorkerStats
{
    private readonly KindStats _reads = new();
    private readonly KindStats _writes = new();

    public KindStats For(OperationKind kind) => kind == OperationKind.Read ? _reads : _writes;
}

/// <summary>Counts and latencies of one kind of operation inside the measured window.</summary>
internal sealed class KindStats
{
    public List<long> LatencyTicks { get; } = new(capacity: 16 * 1024);
    public long Errors { get; private set; }
    public long ResponseBytes { get; private set; }
    public string? FirstFailure { get; private set; }

    public void Record(bool ok, long ticks, long bytes, string? failure)
    {
        if (ok)
        {
            LatencyTicks.Add(ticks);
            ResponseBytes += bytes;
        }
        else
        {
            Errors++;
            FirstFailure ??= failure;
        }
    }
}
