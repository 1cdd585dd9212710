using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Slurp.Durability.Tests.Hosting;

/// <summary>
/// The real host (<c>dotnet Slurp.Host.dll</c>) as a child process on loopback, with its own free ports and a
/// given data folder. <see cref="KillAsync"/> is SIGKILL on Linux: no shutdown hooks, no flushes, like a crash.
/// </summary>
public sealed class SlurpHostProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly EventHandler _killOnRunnerExit;

    private SlurpHostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _killOnRunnerExit = (_, _) => KillQuietly();
        // A test runner that is stopped (SIGTERM, Ctrl+C) never reaches Dispose: take the host down with it.
        AppDomain.CurrentDomain.ProcessExit += _killOnRunnerExit;
    }

    /// <summary>The HTTP address of the host, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The host's process id (<c>dotnet Slurp.Host.dll</c> runs the host in the process it starts).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The process's exit code once it has exited (137 after SIGKILL on Linux).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts a host on <paramref name="dataDir"/> and waits until <c>/health/ready</c> answers 200. A start
    /// that loses a race for one of its ports is retried with new ports.
    /// </summary>
    public static async Task<SlurpHostProcess> StartReadyAsync(
        string dataDir, string? bootstrapAdminToken, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var host = Start(dataDir, bootstrapAdminToken);
            try
            {
                await host.WaitUntilReadyAsync(readyTimeout, cancellationToken);
                return host;
            }
            catch (HostExitedException) when (attempt < Attempts)
            {
                await host.DisposeAsync();
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }
    }

    private static SlurpHostProcess Start(string dataDir, string? bootstrapAdminToken)
    {
        var hostDll = LocateHostAssembly();
        var httpPort = FreeLoopbackPort();
        var siloPort = FreeLoopbackPort();
        var gatewayPort = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        start.ArgumentList.Add($"--Slurp:DataDir={dataDir}");
        start.ArgumentList.Add($"--Slurp:Cluster:SiloPort={siloPort}");
        start.ArgumentList.Add($"--Slurp:Cluster:GatewayPort={gatewayPort}");
        if (bootstrapAdminToken is not null)
        {
            start.ArgumentList.Add($"--Slurp:Auth:BootstrapAdminToken={bootstrapAdminToken}");
        }

        // The child sees only what the test sets: no Slurp__* settings leak in from the runner's environment.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Slurp__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new SlurpHostProcess(process, new Uri($"http://127.0.0.1:{httpPort}/"));
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("could not start 'dotnet " + hostDll + "'");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200, the process exits, or the timeout passes.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new HostExitedException($"the host exited with code {_process.ExitCode} before it was ready:\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready", deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out, or the deadline passed: the loop condition tells which.
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The deadline passed.
            }
        }

        throw new TimeoutException($"the host was not ready within {timeout.TotalSeconds:0} s:\n{RecentOutput()}");
    }

    /// <summary>Kills the host and everything it started, at once (SIGKILL on Linux), and waits for it to be gone.</summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    /// <summary>The last lines the host wrote to stdout and stderr, for failure messages.</summary>
    public string RecentOutput()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone.
        }
        catch (OperationCanceledException)
        {
            // SIGKILL was sent; the kernel reaps it even if we stop waiting.
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= _killOnRunnerExit;
            _process.Dispose();
        }
    }

    private void KillQuietly()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started, already exited or disposed.
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>
    /// <c>src/Slurp.Host/bin/{Configuration}/{tfm}/Slurp.Host.dll</c> of the repository this test assembly was
    /// built in (the solution build puts it there), or <c>SLURP_HOST_DLL</c> when set.
    /// </summary>
    internal static string LocateHostAssembly()
    {
        if (Environment.GetEnvironmentVariable("SLURP_HOST_DLL") is { Length: > 0 } overridden)
        {
            return File.Exists(overridden) ? overridden : throw new FileNotFoundException("SLURP_HOST_DLL does not exist", overridden);
        }

        var testAssembly = typeof(SlurpHostProcess).Assembly;
        var configuration = testAssembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Slurp.Orleans.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "src", "Slurp.Host", "bin", configuration, targetFramework, "Slurp.Host.dll");
                return File.Exists(candidate)
                    ? candidate
                    : throw new FileNotFoundException($"build the solution in {configuration} first (scripts/test.sh does)", candidate);
            }
        }

        throw new DirectoryNotFoundException("no Slurp.Orleans.sln above " + AppContext.BaseDirectory + "; set SLURP_HOST_DLL");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host process ended before it became ready.</summary>
    private sealed class HostExitedException(string message) : Exception(message);
}
