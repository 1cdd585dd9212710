using System.Globalization;
using System.Text.RegularExpressions;

namespace Slurp.Bench.Http;

/// <summary>
/// Medians (min–max) over wrk <c>--latency</c> outputs, so a baseline measured with wrk is reported in the
/// same shape as our own runs. Files are named <c>{test}_c{connections}_t{threads}_r{round}.txt</c>.
/// </summary>
internal static partial class WrkSummary
{
    private sealed record Cell(string Test, int Connections, double Rps, double P50, double P90, double P99, long Non2xx, bool SocketErrors);

    public static int Print(IReadOnlyList<string> files, TextWriter output)
    {
        var cells = new List<Cell>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"skipped {file}: no such file");
                continue;
            }

            var name = FileName().Match(Path.GetFileName(file));
            var text = File.ReadAllText(file);
            var rps = RequestsPerSecond().Match(text);
            if (!name.Success || !rps.Success)
            {
                Console.Error.WriteLine($"skipped {file}: not a wrk --latency output named <test>_c<n>_t<n>_r<n>.txt");
                continue;
            }

            var non2xx = Non2xx().Match(text);
            cells.Add(new Cell(
                name.Groups[1].Value,
                int.Parse(name.Groups[2].Value, CultureInfo.InvariantCulture),
                double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
                Percentile(text, "50"),
                Percentile(text, "90"),
                Percentile(text, "99"),
                non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                text.Contains("Socket errors:", StringComparison.Ordinal)));
        }

        if (cells.Count == 0)
        {
            return 1;
        }

        output.WriteLine("| test | conns | n | req/s median (min–max) | p50 ms | p90 ms | p99 ms | non-2xx | socket errors |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var group in cells.GroupBy(c => (c.Test, c.Connections)).OrderBy(g => g.Key.Test, StringComparer.Ordinal).ThenBy(g => g.Key.Connections))
        {
            var runs = group.ToList();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {group.Key.Test} | {group.Key.Connections} | {runs.Count} | {Spread(runs.Select(r => r.Rps), "0")} | {Spread(runs.Select(r => r.P50), "0.00")} | "
                + $"{Spread(runs.Select(r => r.P90), "0.00")} | {Spread(runs.Select(r => r.P99), "0.00")} | {runs.Sum(r => r.Non2xx)} | {(runs.Any(r => r.SocketErrors) ? "yes" : "0")} |"));
        }

        return 0;
    }

    private static double Percentile(string text, string percent)
    {
        var match = Regex.Match(text, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    private static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{median.ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})");
    }

    [GeneratedRegex(@"^(\w+?)_c(\d+)_t(\d+)_r(\d+)\.txt$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();
}
