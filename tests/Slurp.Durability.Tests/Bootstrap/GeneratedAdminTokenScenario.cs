using Slurp.Durability.Tests.Hosting;

namespace Slurp.Durability.Tests.Bootstrap;

/// <summary>
/// Runs once for <see cref="GeneratedAdminTokenTests"/>: starts the real host with no
/// <c>Slurp:Auth:BootstrapAdminToken</c>, reads the token it generates, registers an agent with it,
/// SIGKILLs the host and starts it again on the same data folder.
/// </summary>
public sealed class GeneratedAdminTokenScenario : IAsyncLifetime
{
    public const string AgentId = "token-probe";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan WholeScenarioTimeout = TimeSpan.FromMinutes(4);

    private readonly ScratchDirectory _dataDir = new("admin-token");
    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly List<IDisposable> _clients = [];

    public string TokenFile => Path.Combine(_dataDir.FullPath, "admin.token");

    /// <summary>The token file's content and mode as the first host left them.</summary>
    public string FirstToken { get; private set; } = string.Empty;
    public UnixFileMode FirstMode { get; private set; }

    /// <summary>The token file's content and mode after the restart.</summary>
    public string TokenAfterRestart { get; private set; } = string.Empty;
    public UnixFileMode ModeAfterRestart { get; private set; }

    /// <summary>An agent registered through the generated token before the crash.</summary>
    public string AgentToken { get; private set; } = string.Empty;

    /// <summary>A client of the restarted host.</summary>
    public SlurpApiClient Restarted { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await RunAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync()
    {
        using var whole = new CancellationTokenSource(WholeScenarioTimeout);
        var ct = whole.Token;

        var first = await StartHostAsync(ct);
        (FirstToken, FirstMode) = ReadTokenFile();
        var api = Track(new SlurpApiClient(first.BaseAddress));
        AgentToken = await api.CreateAgentAsync(FirstToken, AgentId, ["backend_developer"], ct);
        await first.KillAsync(TimeSpan.FromSeconds(15));

        var second = await StartHostAsync(ct);
        (TokenAfterRestart, ModeAfterRestart) = ReadTokenFile();
        Restarted = Track(new SlurpApiClient(second.BaseAddress));
    }

    private (string Token, UnixFileMode Mode) ReadTokenFile()
    {
        if (!File.Exists(TokenFile))
        {
            throw new FileNotFoundException("the host did not write its generated admin token", TokenFile);
        }

        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(TokenFile);
        return (File.ReadAllText(TokenFile).Trim(), mode);
    }

    private async Task<SlurpHostProcess> StartHostAsync(CancellationToken ct)
    {
        var host = await SlurpHostProcess.StartReadyAsync(_dataDir.FullPath, bootstrapAdminToken: null, ReadyTimeout, ct);
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
