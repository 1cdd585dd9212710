using System.Globalization;
using System.Text.RegularExpressions;
using Slurp.Deploy.Tests.Infrastructure;

namespace Slurp.Deploy.Tests.Docker;

/// <summary>The Dockerfile's instructions (continuations joined) and its runtime stage as a host process: the image's own defaults.</summary>
internal static partial class Dockerfile
{
    public static IReadOnlyList<(string Instruction, string Arguments)> Instructions(string text) =>
        Continuation().Replace(text, " ")
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2) is [var instruction, var arguments] ? (instruction.ToUpperInvariant(), arguments.Trim()) : (l.ToUpperInvariant(), ""))
            .ToList();

    /// <summary>The stages in order, each from its FROM to the next.</summary>
    public static IReadOnlyList<IReadOnlyList<(string Instruction, string Arguments)>> Stages(string text)
    {
        var stages = new List<List<(string Instruction, string Arguments)>>();
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Instruction == "FROM" || stages.Count == 0)
            {
                stages.Add([]);
            }

            stages[^1].Add(instruction);
        }

        return stages;
    }

    /// <summary>The last stage: what the image runs.</summary>
    public static IReadOnlyList<(string Instruction, string Arguments)> RuntimeStage(string text) => Stages(text)[^1];

    public static HostProcess HostProcess(string text)
    {
        var file = RepositoryFiles.Relative(RepositoryFiles.Dockerfile);
        var host = new HostProcess(file, "runtime stage (image defaults)", runsSilo: true);
        foreach (var (instruction, arguments) in RuntimeStage(text))
        {
            if (instruction == "ENV")
            {
                var pairs = EnvPair().Matches(arguments);
                if (pairs.Count == 0 && arguments.Split(' ', 2) is [var key, var value])
                {
                    host.Settings.Add(new Setting(key, value, "ENV"));
                }

                foreach (Match pair in pairs)
                {
                    host.Settings.Add(new Setting(pair.Groups["key"].Value, pair.Groups["value"].Value.Trim('"'), "ENV"));
                }
            }
            else if (instruction == "EXPOSE")
            {
                foreach (var port in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    host.Ports.Add(new PortUse(int.TryParse(port.Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1, $"EXPOSE {port}"));
                }
            }
        }

        return host;
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S*)")]
    private static partial Regex EnvPair();
}
