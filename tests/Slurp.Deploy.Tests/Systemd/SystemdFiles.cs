using System.Text.RegularExpressions;
using Slurp.Deploy.Tests.Infrastructure;

namespace Slurp.Deploy.Tests.Systemd;

/// <summary>One <c>Key=value</c> line of a unit or an environment file; <see cref="Commented"/> for a setting written as <c>#Key=value</c>, to be enabled later.</summary>
internal sealed record UnitLine(int Number, string Section, string Key, string Value, bool Commented);

/// <summary>
/// The systemd unit and its environment file. Commented-out assignments (<c>#Slurp__…=…</c>) are read too:
/// the files tell operators to uncomment them, so a typo there must fail now, not at that later start.
/// </summary>
internal static partial class SystemdFiles
{
    public static IReadOnlyList<UnitLine> ParseUnit(string text)
    {
        var lines = new List<UnitLine>();
        var section = "";
        foreach (var (line, number) in text.Split('\n').Select((l, i) => (l.Trim(), i + 1)))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                continue;
            }

            var commented = line.StartsWith('#');
            var match = UnitAssignment().Match(commented ? line.TrimStart('#') : line);
            if (match.Success)
            {
                lines.Add(new UnitLine(number, section, match.Groups["key"].Value, match.Groups["value"].Value.Trim(), commented));
            }
        }

        return lines;
    }

    /// <summary>KEY=value lines of an EnvironmentFile (quotes removed); anything else that is not a comment is a problem.</summary>
    public static (IReadOnlyList<UnitLine> Settings, IReadOnlyList<string> Problems) ParseEnvironmentFile(string text)
    {
        var settings = new List<UnitLine>();
        var problems = new List<string>();
        foreach (var (line, number) in text.Split('\n').Select((l, i) => (l.Trim(), i + 1)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var commented = line.StartsWith('#');
            var match = EnvironmentAssignment().Match(commented ? line.TrimStart('#').TrimStart() : line);
            if (match.Success)
            {
                settings.Add(new UnitLine(number, "", match.Groups["key"].Value, Unquote(match.Groups["value"].Value), commented));
            }
            else if (!commented)
            {
                problems.Add($"line {number}: '{line}' is not KEY=value");
            }
        }

        return (settings, problems);
    }

    /// <summary>The assignments of one <c>Environment=</c> value: <c>A=1 "B=two words"</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> EnvironmentAssignments(string value) =>
        QuotedWords().Matches(value)
            .Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["plain"].Value)
            .Select(w => w.Split('=', 2) is [var key, var v] ? KeyValuePair.Create(key, v) : KeyValuePair.Create(w, ""));

    /// <summary>The unit and the example environment file as the one host process they start; commented settings included.</summary>
    public static HostProcess HostProcess(string unitText, string environmentText)
    {
        var unitFile = RepositoryFiles.Relative(RepositoryFiles.SystemdUnit);
        var envFile = RepositoryFiles.Relative(RepositoryFiles.SystemdEnvExample);
        var host = new HostProcess($"{unitFile} + {envFile}", "slurp.service", runsSilo: true);
        foreach (var line in ParseUnit(unitText).Where(l => l is { Section: "Service", Key: "Environment" }))
        {
            foreach (var (key, value) in EnvironmentAssignments(line.Value))
            {
                host.Settings.Add(new Setting(key, value, $"{unitFile} line {line.Number}{(line.Commented ? " (commented)" : "")}", !line.Commented));
            }
        }

        // EnvironmentFile= is read after Environment=, so its assignments win.
        var (settings, problems) = ParseEnvironmentFile(environmentText);
        foreach (var line in settings)
        {
            host.Settings.Add(new Setting(line.Key, line.Value, $"{envFile} line {line.Number}{(line.Commented ? " (commented)" : "")}", !line.Commented));
        }

        host.Unresolved.AddRange(problems.Select(p => $"{envFile} {p}"));
        return host;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z0-9]*)=(?<value>.*)$")]
    private static partial Regex UnitAssignment();

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex EnvironmentAssignment();

    [GeneratedRegex(@"""(?<quoted>[^""]*)""|(?<plain>\S+)")]
    private static partial Regex QuotedWords();
}
