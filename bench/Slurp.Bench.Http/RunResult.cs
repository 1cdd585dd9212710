using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slurp.Bench.Http;

/// <summary>The outcome of one run for one kind of operation: throughput, latency percentiles, errors.</summary>
internal sealed record RunResult
{
    public const string MarkdownHeader = """
        | mode | conc | req/s | p50 ms | p95 ms | p99 ms | errors | resp bytes | client CPU (cores) |
        |---|---|---|---|---|---|---|---|---|
        """;

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Label { get; init; }
    public required string Mode { get; init; }
    public required int Concurrency { get; init; }
    public required double DurationSeconds { get; init; }
    public required double WarmupSeconds { get; init; }
    public required int PayloadBytes { get; init; }
    public int? Depth { get; init; }
    public int? InheritanceDepth { get; init; }

    /// <summary>Update mode: the number of existing nodes the updates went round (versions per node follow from it).</summary>
    public int? UpdateNodes { get; init; }
    public required long Requests { get; init; }
    public required double RequestsPerSecond { get; init; }
    public required double P50Ms { get; init; }
    public required double P95Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double MaxMs { get; init; }
    public required long Errors { get; init; }
    public string? FirstError { get; init; }
    public required double ResponseBytes { get; init; }
    public required double ClientCpuCores { get; init; }
    public required string Run { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }

    public static RunResult From(
        string label, BenchOptions options, Workload workload, OperationKind kind, IReadOnlyList<KindStats> workers, double clientCores)
    {
        var ticks = workers.SelectMany(w => w.LatencyTicks).Order().ToArray();
        var ok = ticks.LongLength;
        return new RunResult
        {
            Label = label,
            Mode = options.Mode.ToString().ToLowerInvariant(),
            Concurrency = options.Concurrency,
            DurationSeconds = options.Duration.TotalSeconds,
            WarmupSeconds = options.Warmup.TotalSeconds,
            PayloadBytes = options.PayloadBytes,
            Depth = kind == OperationKind.Read ? options.Depth : null,
            InheritanceDepth = kind == OperationKind.Read ? workload.ReadInheritanceDepth : null,
            UpdateNodes = kind == OperationKind.Update ? options.UpdateNodes : null,
            Requests = ok,
            RequestsPerSecond = ok / options.Duration.TotalSeconds,
            P50Ms = Percentile(ticks, 0.50),
            P95Ms = Percentile(ticks, 0.95),
            P99Ms = Percentile(ticks, 0.99),
            MaxMs = ticks.Length == 0 ? 0 : ToMs(ticks[^1]),
            Errors = workers.Sum(w => w.Errors),
            FirstError = workers.Select(w => w.FirstFailure).FirstOrDefault(f => f is not null),
            ResponseBytes = ok == 0 ? 0 : (double)workers.Sum(w => w.ResponseBytes) / ok,
            ClientCpuCores = clientCores,
            Run = workload.Run,
            FinishedAt = DateTimeOffset.UtcNow,
        };
    }

    public string MarkdownRow() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Label} | {Concurrency} | {RequestsPerSecond:0} | {P50Ms:0.00} | {P95Ms:0.00} | {P99Ms:0.00} | {Errors} | {ResponseBytes:0} | {ClientCpuCores:0.00} |");

    /// <summary>Nearest-rank percentile of sorted latencies, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return ToMs(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
