using System.Globalization;
using System.Text.Json;

namespace Slurp.Bench.Http;

/// <summary>Medians and spread (min–max) over repeated runs, as BENCH.md asks them reported.</summary>
internal static class Summary
{
    public static int Print(IReadOnlyList<string> files, TextWriter output)
    {
        var results = new List<RunResult>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"skipped {file}: no such file");
                continue;
            }

            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                results.Add(JsonSerializer.Deserialize<RunResult>(line, RunResult.Json)
                    ?? throw new InvalidDataException($"{file}: a line is JSON null"));
            }
        }

        if (results.Count == 0)
        {
            Console.Error.WriteLine("no results in " + string.Join(", ", files));
            return 1;
        }

        output.WriteLine("| mode | conc | n | req/s median (min–max) | p50 ms | p95 ms | p99 ms | errors | resp bytes | client CPU (cores) |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var cell in results.GroupBy(r => (r.Label, r.Concurrency)).OrderBy(g => g.Key.Label, StringComparer.Ordinal).ThenBy(g => g.Key.Concurrency))
        {
            var runs = cell.ToList();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {cell.Key.Label} | {cell.Key.Concurrency} | {runs.Count} | {Spread(runs, r => r.RequestsPerSecond, "0")} | "
                + $"{Spread(runs, r => r.P50Ms, "0.00")} | {Spread(runs, r => r.P95Ms, "0.00")} | {Spread(runs, r => r.P99Ms, "0.00")} | "
                + $"{runs.Sum(r => r.Errors)} | {Median(runs.Select(r => r.ResponseBytes)):0} | {Median(runs.Select(r => r.ClientCpuCores)):0.00} |"));
        }

        return 0;
    }

    private static string Spread(List<RunResult> runs, Func<RunResult, double> value, string format)
    {
        var values = runs.Select(value).ToList();
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} ({1}–{2})",
            Median(values).ToString(format, CultureInfo.InvariantCulture),
            values.Min().ToString(format, CultureInfo.InvariantCulture),
            values.Max().ToString(format, CultureInfo.InvariantCulture));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
