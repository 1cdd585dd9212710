using System.Text.Json.Nodes;
using Slurp.Host.Configuration;

namespace Slurp.Deploy.Tests.Infrastructure;

/// <summary>
/// One environment variable a deployment file sets for the host; <see cref="Value"/> is null when it is not
/// literal (a secret, the pod IP). Not <see cref="Active"/>: written commented out, for operators to enable later.
/// </summary>
internal sealed record Setting(string Name, string? Value, string Origin, bool Active = true);

/// <summary>A port a deployment file makes the host use: published, exposed, probed, targeted by a Service.</summary>
internal sealed record PortUse(int Port, string Where);

/// <summary>An HTTP health check (Kubernetes probe, Compose healthcheck) and the path it requests.</summary>
internal sealed record HealthProbe(string Kind, string Path, string Where);

/// <summary>
/// One process running the host image (a Compose service, a Kubernetes container, the systemd unit, the
/// image's own defaults) as one deployment file describes it: what it sets and which ports it uses.
/// </summary>
internal sealed class HostProcess(string file, string name, bool runsSilo)
{
    private static readonly Lazy<string> DefaultUrls = new(() =>
        JsonNode.Parse(RepositoryFiles.Read(RepositoryFiles.AppSettings))?["Urls"]?.GetValue<string>() ?? "http://localhost:5000");

    /// <summary>The deployment file, relative to the repository root.</summary>
    public string File { get; } = file;

    /// <summary>The service, workload/container or unit within the file.</summary>
    public string Name { get; } = name;

    /// <summary>False for one-shot runs such as <c>db init</c>.</summary>
    public bool RunsSilo { get; } = runsSilo;

    public List<Setting> Settings { get; } = [];

    public List<PortUse> Ports { get; } = [];

    public List<HealthProbe> Probes { get; } = [];

    /// <summary>What the file says that cannot be resolved (a missing ConfigMap, a port name no container declares).</summary>
    public List<string> Unresolved { get; } = [];

    public override string ToString() => $"{File}: {Name}";

    /// <summary>The effective value (the last setting wins, as in each format); null when unset or not literal.</summary>
    public string? Value(string name) => Effective(name)?.Value;

    public bool Sets(string name) => Effective(name) is not null;

    public string ClusterId => Value("Slurp__Cluster__ClusterId") ?? new ClusterOptions().ClusterId;

    public string ServiceId => Value("Slurp__Cluster__ServiceId") ?? new ClusterOptions().ServiceId;

    public int? SiloPort => Port("Slurp__Cluster__SiloPort", new ClusterOptions().SiloPort);

    public int? GatewayPort => Port("Slurp__Cluster__GatewayPort", new ClusterOptions().GatewayPort);

    /// <summary>The URLs the front door listens on: ASPNETCORE_URLS, else the shared appsettings.json's Urls.</summary>
    public IReadOnlyList<Uri> HttpUrls =>
        (Value("ASPNETCORE_URLS") ?? DefaultUrls.Value)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToList();

    /// <summary>Every port the configuration tells this process to listen on, with what it is for and where that is set.</summary>
    public IReadOnlyDictionary<int, string> ConfiguredPorts()
    {
        var ports = new Dictionary<int, string>();
        foreach (var url in HttpUrls)
        {
            ports.TryAdd(url.Port, $"HTTP {url.Port} ({Origin("ASPNETCORE_URLS")})");
        }

        if (SiloPort is { } silo)
        {
            ports.TryAdd(silo, $"SiloPort {silo} ({Origin("Slurp__Cluster__SiloPort")})");
        }

        if (GatewayPort is { } gateway)
        {
            ports.TryAdd(gateway, $"GatewayPort {gateway} ({Origin("Slurp__Cluster__GatewayPort")})");
        }

        return ports;
    }

    private Setting? Effective(string name) =>
        Settings.LastOrDefault(s => s.Active && s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    private string Origin(string name) => Effective(name)?.Origin ?? "default";

    private int? Port(string name, int fallback)
    {
        if (!Sets(name))
        {
            return fallback;
        }

        return int.TryParse(Value(name), out var port) ? port : null;
    }
}
