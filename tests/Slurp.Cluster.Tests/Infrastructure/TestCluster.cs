namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>
/// Silos of one cluster on one database, with their scratch folders and front-door clients. The seal is the
/// profile's default, shamir: <see cref="InitializeAsync"/> inits it on the first silo (5 shares, threshold 3),
/// unseals every silo with 3 shares, and creates a writer agent. Disposing kills every silo still running.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string WriterRole = "backend_developer";

    /// <summary>Short key-rotation checks and reminders, as in the brief: RotationDays=1, a check every 2 s.</summary>
    public static readonly string[] ReminderArguments =
    [
        "--Slurp:Keys:RotationDays=1",
        "--Slurp:Keys:RotationCheckPeriod=00:00:02",
        "--Slurp:Cluster:MinimumReminderPeriod=00:00:01",
    ];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"slurp-cluster-{Guid.NewGuid():N}");
    private readonly List<SiloProcess> _silos = [];
    private readonly List<ApiClient> _clients = [];

    public TestCluster(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IReadOnlyList<ApiClient> Clients => _clients;

    public string[] Shares { get; private set; } = [];

    public string RootToken { get; private set; } = string.Empty;

    public string AgentToken { get; private set; } = string.Empty;

    /// <summary>Starts silos <c>silo{n}</c> side by side; each is up (sealed) when this returns.</summary>
    public async Task StartSilosAsync(int count, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
    {
        var first = _silos.Count + 1;
        var started = await Task.WhenAll(Enumerable.Range(first, count).Select(n =>
            SiloProcess.StartAsync($"silo{n}", Path.Combine(_root, $"silo{n}"), ConnectionString, extraArguments, StartTimeout, cancellationToken)));
        foreach (var silo in started)
        {
            _silos.Add(silo);
            _clients.Add(new ApiClient(silo));
        }
    }

    /// <summary>Starts one more silo; returns its client.</summary>
    public async Task<ApiClient> AddSiloAsync(IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
    {
        await StartSilosAsync(1, extraArguments, cancellationToken);
        return _clients[^1];
    }

    /// <summary>The folder for the silo numbered <paramref name="number"/> (silo1 = 1).</summary>
    public string DataDirOf(int number) => Path.Combine(_root, $"silo{number}");

    /// <summary>Init on the first silo, unseal all started silos, wait until they are ready, create the writer agent.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        (Shares, RootToken) = await _clients[0].InitSealAsync(5, 3, cancellationToken);
        // Each silo gets a different 3 of the 5 shares: any 3 reconstruct the key.
        await Task.WhenAll(_clients.Select((c, i) => c.UnsealAsync(Enumerable.Range(i, 3).Select(s => Shares[s % Shares.Length]), cancellationToken)));
        await Task.WhenAll(_silos.Select(s => s.WaitUntilReadyAsync(StartTimeout, cancellationToken)));
        AgentToken = await _clients[0].CreateAgentAsync(RootToken, "cluster-writer", [WriterRole], cancellationToken);
    }

    /// <summary>What the front door that answered <paramref name="outcome"/> logged about it.</summary>
    public string LogOf(WriteOutcome outcome) =>
        _silos.FirstOrDefault(s => s.Name == outcome.FrontDoor)?.EntriesFor(outcome.TraceId) ?? string.Empty;

    /// <summary>The silo output of every silo, for a failure message.</summary>
    public string Diagnostics() => string.Join('\n', _silos.Select(s => s.RecentOutput(40)));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temp cleaner takes it later.
        }
    }
}
