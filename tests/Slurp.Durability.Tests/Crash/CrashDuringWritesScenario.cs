using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Slurp.Durability.Tests.Hosting;

namespace Slurp.Durability.Tests.Crash;

/// <summary>One write the host acknowledged (answered 200/201) before it was killed.</summary>
public sealed record AcknowledgedWrite(string Path, int Version, string Summary, int Writer, int Operation);

/// <summary>
/// Runs once for <see cref="CrashDuringWritesTests"/>: starts the real host, registers a role and an agent,
/// lets <see cref="Writers"/> concurrent writers PUT until at least <see cref="AcknowledgedTarget"/> writes are
/// acknowledged, SIGKILLs the host while writes are still in flight, and restarts it on the same data folder.
/// </summary>
public sealed class CrashDuringWritesScenario : IAsyncLifetime
{
    public const int Writers = 16;
    public const int AcknowledgedTarget = 300;
    public const string ProjectId = "durability";
    public const string TaskId = "crash";
    public const string AgentId = "durability-writer";
    public const string WriterRole = "backend_developer";
    public const string CustomRole = "crash_reviewer";
    public const string HotPath = "/src/shared/hot";

    // Each writer stops after this many operations even if the host is never killed (a bound, not a target).
    private const int MaxOperationsPerWriter = 400;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan WritePhaseTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan WholeScenarioTimeout = TimeSpan.FromMinutes(5);

    private readonly ScratchDirectory _dataDir = new("durability");
    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly List<IDisposable> _clients = [];

    /// <summary>The configured bootstrap admin token (random per run).</summary>
    public string AdminToken { get; } = "durability-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The agent's token, issued by the first host.</summary>
    public string AgentToken { get; private set; } = string.Empty;

    /// <summary>Every write the first host acknowledged.</summary>
    public IReadOnlyList<AcknowledgedWrite> Acknowledged { get; private set; } = [];

    /// <summary>Failures the writers saw before the kill (there should be none).</summary>
    public IReadOnlyList<string> FailuresBeforeKill { get; private set; } = [];

    /// <summary>Writes sent but not yet answered at the moment of the kill.</summary>
    public int InFlightAtKill { get; private set; }

    /// <summary>The first host's exit code (137 = killed by SIGKILL on Linux).</summary>
    public int ExitCodeOfKilledHost { get; private set; }

    /// <summary>A client of the restarted host.</summary>
    public SlurpApiClient Restarted { get; private set; } = null!;

    public static string WriteAddress(string path) => $"ucxl://any:{WriterRole}@{ProjectId}:{TaskId}{path}";

    public static string ReadAddress(string role, string path, int? version = null) =>
        version is { } v ? $"ucxl://any:{role}@{ProjectId}:{TaskId}/*~{v}{path}" : $"ucxl://any:{role}@{ProjectId}:{TaskId}{path}";

    public static JsonObject ContextData(string summary, int writer, int operation) => new()
    {
        ["summary"] = summary,
        ["purpose"] = $"durability probe from writer {writer}",
        ["technologies"] = new JsonArray("sqlite", "orleans"),
        ["tags"] = new JsonArray("crash-test", $"writer-{writer}"),
        ["insights"] = new JsonArray($"operation {operation} of writer {writer}"),
    };

    public async Task InitializeAsync()
    {
        try
        {
            await RunAsync();
        }
        catch
        {
            // xunit may not dispose a fixture whose initialization failed: never leave a host running.
            await DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync()
    {
        using var whole = new CancellationTokenSource(WholeScenarioTimeout);
        var ct = whole.Token;

        var first = await StartHostAsync(ct);
        var api = Track(new SlurpApiClient(first.BaseAddress));
        var role = await api.PutRoleAsync(AdminToken, CustomRole, "medium", ["/src/**"], canWrite: false, ct);
        if (!role.IsSuccess)
        {
            throw new InvalidOperationException("creating role " + CustomRole + " failed: " + role);
        }

        AgentToken = await api.CreateAgentAsync(AdminToken, AgentId, [WriterRole, CustomRole], ct);
        await WriteUntilKilledAsync(first, api, ct);

        var second = await StartHostAsync(ct);
        Restarted = Track(new SlurpApiClient(second.BaseAddress));
    }

    private async Task WriteUntilKilledAsync(SlurpHostProcess host, SlurpApiClient api, CancellationToken ct)
    {
        var acknowledged = new ConcurrentQueue<AcknowledgedWrite>();
        var failures = new ConcurrentQueue<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = 0;
        var inFlight = 0;

        async Task WriterAsync(int writer)
        {
            for (var operation = 0; operation < MaxOperationsPerWriter && !ct.IsCancellationRequested; operation++)
            {
                // Every fourth write goes to the one node all writers share, so it gets many versions.
                var path = operation % 4 == 3 ? HotPath : $"/src/w{writer:00}/n{operation:000}";
                var summary = $"writer {writer} operation {operation} {Guid.NewGuid():N}";
                SlurpApiClient.Answer answer;
                Interlocked.Increment(ref inFlight);
                try
                {
                    answer = await api.PutContextAsync(AgentToken, WriteAddress(path), ContextData(summary, writer, operation), ct);
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    if (Volatile.Read(ref killed) == 0)
                    {
                        failures.Enqueue($"writer {writer} operation {operation}: {ex.GetType().Name}: {ex.Message}");
                    }

                    return;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }

                if (!answer.IsSuccess || answer.Body?["unchanged"] is not null)
                {
                    if (Volatile.Read(ref killed) == 0)
                    {
                        failures.Enqueue($"writer {writer} operation {operation} {path}: {answer}");
                    }

                    return;
                }

                var version = answer.Body!["temporal_metadata"]!["version"]!.GetValue<int>();
                acknowledged.Enqueue(new AcknowledgedWrite(path, version, summary, writer, operation));
                if (acknowledged.Count >= AcknowledgedTarget)
                {
                    enough.TrySetResult();
                }
            }
        }

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriterAsync(w), ct)).ToArray();
        var allDone = Task.WhenAll(writers);
        await Task.WhenAny(enough.Task, allDone, Task.Delay(WritePhaseTimeout, ct));
        if (!enough.Task.IsCompleted)
        {
            throw new InvalidOperationException(
                $"only {acknowledged.Count} of {AcknowledgedTarget} writes were acknowledged; failures: {string.Join("; ", failures.Take(5))}\n{host.RecentOutput()}");
        }

        // The crash: SIGKILL while the writers are still sending.
        Volatile.Write(ref killed, 1);
        InFlightAtKill = Volatile.Read(ref inFlight);
        await host.KillAsync(TimeSpan.FromSeconds(15));
        ExitCodeOfKilledHost = host.ExitCode;

        // Writers fail fast once the host is gone (connection refused/reset); never wait on them unbounded.
        var finished = await Task.WhenAny(allDone, Task.Delay(TimeSpan.FromSeconds(60), ct));
        if (finished != allDone)
        {
            throw new TimeoutException("the writers did not stop within 60 s of the kill");
        }

        Acknowledged = [.. acknowledged];
        FailuresBeforeKill = [.. failures];
    }

    private async Task<SlurpHostProcess> StartHostAsync(CancellationToken ct)
    {
        var host = await SlurpHostProcess.StartReadyAsync(_dataDir.FullPath, AdminToken, ReadyTimeout, ct);
        _hosts.Add(host);
        return host;
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        _clients.Add(client);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _clients.Clear();
        _hosts.Clear();

        _dataDir.Dispose();
    }
}
