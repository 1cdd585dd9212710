using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>
/// One silo of the PostgreSQL profile as a child process (<c>dotnet Slurp.Host.dll</c>, silo and front door in one
/// process) on loopback, with ports of its own. Its console log is JSON with scopes, kept in memory, so a test can
/// find what the front door did for one request (by the W3C trace id the client sent). <see cref="Kill"/> is
/// SIGKILL: no shutdown, no leaving the cluster. Disposing kills it too, and so does the runner's exit.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int LinesKept = 100_000;

    private readonly Process _process;
    private readonly List<LogLine> _lines = [];
    private readonly EventHandler _killOnRunnerExit;

    private SiloProcess(string name, Process process, int httpPort, int siloPort)
    {
        Name = name;
        _process = process;
        SiloPort = siloPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        _killOnRunnerExit = (_, _) => KillQuietly();
        AppDomain.CurrentDomain.ProcessExit += _killOnRunnerExit;
    }

    /// <summary>One line of the silo's output, with the moment the test received it.</summary>
    public sealed record LogLine(DateTimeOffset ReceivedAt, string Text);

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>The silo-to-silo port: with 127.0.0.1, its row in <c>orleans_cluster_member</c>.</summary>
    public int SiloPort { get; }

    /// <summary>
    /// Starts a silo on <paramref name="connectionString"/> with its own data folder and free ports, and waits until
    /// its front door answers <c>/v1/sys/seal-status</c> (a sealed silo is not ready, but it is up and in the cluster).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        string name, string dataDir, string connectionString, IEnumerable<string> extraArguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDir);
        var start = HostAssembly.DotnetStartInfo();
        start.WorkingDirectory = dataDir;
        var (http, silo, gateway) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        foreach (var argument in (string[])
                 [
                     HostAssembly.Path,
                     "--urls", $"http://127.0.0.1:{http}",
                     $"--Slurp:DataDir={dataDir}",
                     "--Slurp:Storage:Provider=Postgres",
                     $"--ConnectionStrings:Slurp={connectionString}",
                     $"--Slurp:Cluster:SiloPort={silo}",
                     $"--Slurp:Cluster:GatewayPort={gateway}",
                     // One JSON object per line, with the request's scopes (TraceId) on the front door's log entries.
                     "--Logging:Console:FormatterName=json",
                     "--Logging:Console:FormatterOptions:IncludeScopes=true",
                     "--Logging:Console:FormatterOptions:UseUtcTimestamp=true",
                     "--Logging:Console:FormatterOptions:TimestampFormat=yyyy-MM-ddTHH:mm:ss.fffZ",
                     "--Logging:LogLevel:Polly=Warning",
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new SiloProcess(name, process, http, silo);
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"could not start {name}");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await host.WaitForAsync("v1/sys/seal-status", timeout, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (storage reachable, unsealed, grains answering).</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync("health/ready", timeout, cancellationToken);

    /// <summary>SIGKILL; returns the moment just before the signal.</summary>
    public DateTimeOffset Kill()
    {
        var at = DateTimeOffset.UtcNow;
        _process.Kill(entireProcessTree: true);
        return at;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    public IReadOnlyList<LogLine> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    /// <summary>The silo's JSON log entries (lines that do not parse, such as a crash's stack trace, are skipped).</summary>
    public IReadOnlyList<(DateTimeOffset ReceivedAt, JsonObject Entry)> LogEntries()
    {
        var entries = new List<(DateTimeOffset, JsonObject)>();
        foreach (var line in Lines())
        {
            if (!line.Text.StartsWith('{'))
            {
                continue;
            }

            try
            {
                if (JsonNode.Parse(line.Text) is JsonObject entry)
                {
                    entries.Add((line.ReceivedAt, entry));
                }
            }
            catch (JsonException)
            {
                // Not one of the logger's lines.
            }
        }

        return entries;
    }

    /// <summary>The log entries written while serving the request that carried <paramref name="traceId"/>, for failure messages.</summary>
    public string EntriesFor(string? traceId)
    {
        if (traceId is null)
        {
            return string.Empty;
        }

        var lines = Lines().Where(l => l.Text.Contains(traceId, StringComparison.Ordinal)).Select(l => l.Text.Length <= 4000 ? l.Text : l.Text[..4000] + " …");
        return $"--- {Name}, trace {traceId} ---\n" + string.Join('\n', lines);
    }

    /// <summary>The last <paramref name="count"/> lines, for failure messages.</summary>
    public string RecentOutput(int count = 60)
    {
        var lines = Lines();
        return $"--- last {Math.Min(count, lines.Count)} lines of {Name} ---\n"
            + string.Join('\n', lines.Skip(Math.Max(0, lines.Count - count)).Select(l => l.Text.Length <= 600 ? l.Text : l.Text[..600] + " …"));
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _killOnRunnerExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await WaitForExitAsync(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        catch (OperationCanceledException)
        {
            // SIGKILL was sent; the kernel reaps the process even if we stop waiting.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitForAsync(string relativeUri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Deadline.WaitUntilAsync(
            async ct =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before {relativeUri} answered 200\n{RecentOutput()}");
                }

                try
                {
                    using var response = await http.GetAsync(relativeUri, ct);
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    return false; // this probe timed out
                }
            },
            timeout,
            TimeSpan.FromMilliseconds(200),
            () => $"{Name}: {relativeUri} never answered 200\n{RecentOutput()}",
            cancellationToken);
    }

    private void KillQuietly()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
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

        lock (_lines)
        {
            if (_lines.Count == LinesKept)
            {
                _lines.RemoveRange(0, LinesKept / 10);
            }

            _lines.Add(new LogLine(DateTimeOffset.UtcNow, line));
        }
    }
}
