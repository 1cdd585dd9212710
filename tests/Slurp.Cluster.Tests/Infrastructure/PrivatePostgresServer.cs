using System.Diagnostics;
using Npgsql;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server of the same major version as the <c>SLURP_TEST_POSTGRES</c> one, on a free
/// loopback port, for a test that restarts its database server: restarting the shared server would break every
/// other test (and session) using it. Stopped (immediate mode) and deleted on dispose, and when the runner exits.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binDirectory;
    private readonly string _root;
    private readonly EventHandler _stopOnRunnerExit;
    private bool _started;

    private PrivatePostgresServer(string binDirectory, string root, int port)
    {
        _binDirectory = binDirectory;
        _root = root;
        Port = port;
        _stopOnRunnerExit = (_, _) => StopQuietly();
        AppDomain.CurrentDomain.ProcessExit += _stopOnRunnerExit;
    }

    public int Port { get; }

    /// <summary>A superuser connection string to the server's <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>initdb (trust auth, UTF8) and start; the binaries match the major version of <paramref name="referenceServer"/>.</summary>
    public static async Task<PrivatePostgresServer> StartAsync(string referenceServer, CancellationToken cancellationToken)
    {
        var major = await TestPostgres.MajorVersionAsync(referenceServer, cancellationToken);
        var bin = Environment.GetEnvironmentVariable("SLURP_TEST_PG_BIN") is { Length: > 0 } configured
            ? configured
            : $"/usr/lib/postgresql/{major}/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")) || !File.Exists(Path.Combine(bin, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"this test starts its own PostgreSQL {major} to restart it, but {bin} holds no initdb/pg_ctl: install the " +
                $"server (apt-get install postgresql-{major}, as scripts/test.sh does) or set SLURP_TEST_PG_BIN to its bin directory");
        }

        var root = Path.Combine(Path.GetTempPath(), $"slurp-cluster-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var server = new PrivatePostgresServer(bin, root, FreePorts.Next());
        try
        {
            if (Environment.UserName == "root")
            {
                // initdb refuses to run as root: the server runs as postgres, in a folder it owns.
                await RunAsync("chown", ["postgres", root], asPostgres: false, cancellationToken);
            }

            await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8"], cancellationToken);
            await server.StartServerAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <c>pg_ctl restart -m fast</c>, with the server kept down for <paramref name="downtime"/> between the stop and the
    /// start (<c>pg_ctl stop -m fast</c>, wait, <c>pg_ctl start</c> with the same options): every session is ended (the
    /// silos see 57P01), new connections are refused while it is down; returns when it accepts connections again.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        if (downtime <= TimeSpan.Zero)
        {
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "restart"], cancellationToken);
            return;
        }

        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop"], cancellationToken);
        _started = false;
        await Task.Delay(downtime, cancellationToken);
        await StartServerAsync(cancellationToken);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        await RunToolAsync("pg_ctl",
            ["-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(_root, "server.log"),
             "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"], cancellationToken);
        _started = true;
    }

    /// <summary>True when a new connection succeeds and answers <c>SELECT 1</c>.</summary>
    public async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false;Timeout=2");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _stopOnRunnerExit;
        if (_started)
        {
            try
            {
                using var timeout = new CancellationTokenSource(CommandTimeout);
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-w", "-t", "30", "-m", "immediate", "stop"], timeout.Token);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"could not stop the private PostgreSQL server in {_root}: {ex.Message}");
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A server that did not stop keeps its files; the temp cleaner takes them later.
        }
    }

    private void StopQuietly()
    {
        if (!_started)
        {
            return;
        }

        try
        {
            using var stop = Process.Start(StartInfo(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "stop"], asPostgres: true));
            stop?.WaitForExit(10_000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // The runner is exiting: nothing else can be done.
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, asPostgres: true, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(program, arguments, asPostgres))
            ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static ProcessStartInfo StartInfo(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asPostgres && asRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user may not read the runner's working directory.
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && asRoot)
        {
            foreach (var part in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
