using System.Diagnostics;
using Slurp.Durability.Tests.Hosting;

namespace Slurp.Durability.Tests.Configuration;

/// <summary>
/// The real host refuses a start it cannot make with one line that says why and exit code 1 — not an unhandled
/// exception, its stack trace and an abort (134) — and <c>db</c> answers an unknown command with its usage.
/// </summary>
[Collection(RealHostCollection.Name)]
public sealed class StartupRefusalTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    public static TheoryData<string, string[], string> Refusals => new()
    {
        { "a misspelt setting", ["--Slurp:Cluster:NodePlacement=Sideways"], "Slurp:Cluster:NodePlacement 'Sideways' is not known" },
        { "an unknown seal mode", ["--Slurp:Seal:Mode=magic"], "Slurp:Seal:Mode 'magic' is not known" },
        { "a setting of the wrong type", ["--Slurp:Api:MaxBodyBytes=lots"], "'Slurp:Api:MaxBodyBytes'" },
        { "the cluster profile without a connection string", ["--Slurp:Storage:Provider=Postgres"], "needs ConnectionStrings:Slurp" },
        { "a data folder that cannot be created", ["--Slurp:DataDir=/proc/slurp-refused"], "Slurp:DataDir '/proc/slurp-refused' cannot be used" },
        { "a database out of reach", ["--Slurp:Storage:Provider=Postgres", "--ConnectionStrings:Slurp=Host=127.0.0.1;Port=1;Database=slurp;Username=slurp;Timeout=2"], "is unreachable" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedStartSaysWhyInOneLineAndExitsWithOne(string why, string[] arguments, string expected)
    {
        using var dataDir = new ScratchDirectory("refused");

        var (exitCode, output) = await RunHostAsync(dataDir.FullPath, ["--urls", "http://127.0.0.1:0", $"--Slurp:DataDir={dataDir.FullPath}", .. arguments]);

        Assert.True(exitCode == 1, $"{why}: exit code {exitCode}\n{output}");
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("slurp: cannot start: ", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionStringThatDoesNotParseIsNotEchoed()
    {
        using var dataDir = new ScratchDirectory("refused");

        var (exitCode, output) = await RunHostAsync(dataDir.FullPath, ["--Slurp:Storage:Provider=Postgres", "--ConnectionStrings:Slurp=hunter2-typed-without-its-key"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("slurp: cannot start: ConnectionStrings:Slurp is not a PostgreSQL connection string", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData(null)]
    public async Task AnUnknownDbCommandIsAnsweredWithTheUsage(string? command)
    {
        using var dataDir = new ScratchDirectory("refused");

        var (exitCode, output) = await RunHostAsync(dataDir.FullPath, command is null ? ["db"] : ["db", command]);

        Assert.Equal(2, exitCode);
        Assert.Contains("db init", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunHostAsync(string workingDirectory, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SlurpHostProcess.LocateHostAssembly());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Slurp__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the host did not exit within {ExitTimeout.TotalSeconds:0} s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
