using System.Diagnostics;
using System.Reflection;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>
/// The built host, <c>src/Slurp.Host/bin/{Configuration}/{tfm}/Slurp.Host.dll</c> of the repository this test assembly
/// was built in (or <c>SLURP_HOST_DLL</c>), and its <c>db init</c> command.
/// </summary>
public static class HostAssembly
{
    private static readonly Lazy<string> Located = new(Locate);

    public static string Path => Located.Value;

    /// <summary>Runs <c>dotnet Slurp.Host.dll db init --ConnectionStrings:Slurp=…</c> and fails unless it exits 0.</summary>
    public static async Task<string> DbInitAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = DotnetStartInfo();
        foreach (var argument in (string[])[Path, "db", "init", $"--ConnectionStrings:Slurp={connectionString}"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"db init did not finish within {timeout.TotalSeconds:0} s");
        }

        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"db init exited with {process.ExitCode}: {output}");
    }

    /// <summary>A <c>dotnet</c> start with redirected output and none of the runner's Slurp settings.</summary>
    public static ProcessStartInfo DotnetStartInfo()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys
                     .Where(k => k.StartsWith("Slurp__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase))
                     .ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("SLURP_HOST_DLL") is { Length: > 0 } overridden)
        {
            return File.Exists(overridden) ? overridden : throw new FileNotFoundException("SLURP_HOST_DLL names no file", overridden);
        }

        var configuration = typeof(HostAssembly).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Slurp.Orleans.sln")))
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "src", "Slurp.Host", "bin", configuration, targetFramework, "Slurp.Host.dll");
                return File.Exists(candidate)
                    ? candidate
                    : throw new FileNotFoundException($"build the host in {configuration} first (dotnet build Slurp.Orleans.sln -c {configuration})", candidate);
            }
        }

        throw new DirectoryNotFoundException($"no Slurp.Orleans.sln above {AppContext.BaseDirectory}; set SLURP_HOST_DLL");
    }
}
