using System.Text.RegularExpressions;
using Slurp.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Slurp.Deploy.Tests.Compose;

/// <summary>A Compose file, merge keys applied, with its services read the way Compose reads them.</summary>
internal sealed class ComposeProject
{
    private ComposeProject(string file, YamlMappingNode root)
    {
        File = file;
        Root = root;
        Services = root.Get("services").Entries()
            .Select(s => new ComposeService(file, s.Key, (YamlMappingNode)s.Value))
            .ToList();
    }

    public string File { get; }

    public YamlMappingNode Root { get; }

    public IReadOnlyList<ComposeService> Services { get; }

    /// <summary>Services that run the host image (built here, or the image a built service is tagged as).</summary>
    public IEnumerable<ComposeService> HostServices => Services.Where(s => s.RunsHostImage);

    public IEnumerable<ComposeService> Silos => HostServices.Where(s => s.Host.RunsSilo);

    public ComposeService Service(string name) => Services.Single(s => s.Name == name);

    public static ComposeProject Load() =>
        Parse(RepositoryFiles.Relative(RepositoryFiles.ComposeFile), RepositoryFiles.Read(RepositoryFiles.ComposeFile));

    public static ComposeProject Parse(string file, string text) => new(file, YamlTree.LoadMapping(text));

    /// <summary>The network namespace a service's processes live in: its own, the host's, or another service's.</summary>
    public string NetworkNamespace(ComposeService service)
    {
        var mode = service.Node.Text("network_mode");
        return mode switch
        {
            "host" => "host",
            not null when mode.StartsWith("service:", StringComparison.Ordinal) => NetworkNamespace(Service(mode["service:".Length..])),
            not null when mode.StartsWith("container:", StringComparison.Ordinal) => mode,
            _ => $"service:{service.Name}",
        };
    }
}

/// <summary>One Compose service.</summary>
internal sealed partial class ComposeService
{
    private readonly Lazy<HostProcess> _host;

    public ComposeService(string file, string name, YamlMappingNode node)
    {
        Name = name;
        Node = node;
        _host = new Lazy<HostProcess>(() => ToHostProcess(file));
    }

    public string Name { get; }

    public YamlMappingNode Node { get; }

    public string? Image => Node.Text("image");

    public bool RunsHostImage => HostImage.Matches(Image) || Node.Get("build") is not null;

    public IReadOnlyList<string> Command => Node.Get("command") switch
    {
        YamlScalarNode scalar => (scalar.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        YamlSequenceNode sequence => sequence.Children.Select(c => c.Text() ?? "").ToList(),
        _ => [],
    };

    /// <summary>The environment in file order; a value is null when Compose takes it from the shell.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Environment => Node.Get("environment") switch
    {
        YamlMappingNode mapping => mapping.Entries().Select(e => KeyValuePair.Create(e.Key, e.Value.Text())).ToList(),
        YamlSequenceNode sequence => sequence.Children
            .Select(c => c.Text() ?? "")
            .Select(t => t.Split('=', 2) is [var key, var value] ? KeyValuePair.Create(key, (string?)value) : KeyValuePair.Create(t, (string?)null))
            .ToList(),
        _ => [],
    };

    public IReadOnlyList<ComposePort> Ports => Node.Get("ports").Items().Select(ComposePort.Parse).ToList();

    /// <summary>Networks the service joins, with its fixed address on each when it has one.</summary>
    public IReadOnlyDictionary<string, string?> Networks => Node.Get("networks") switch
    {
        YamlSequenceNode sequence => sequence.Children.ToDictionary(c => c.Text() ?? "", _ => (string?)null),
        YamlMappingNode mapping => mapping.Entries().ToDictionary(e => e.Key, e => e.Value.Text("ipv4_address")),
        _ => new Dictionary<string, string?>(),
    };

    public IReadOnlyDictionary<string, string?> DependsOn => Node.Get("depends_on") switch
    {
        YamlSequenceNode sequence => sequence.Children.ToDictionary(c => c.Text() ?? "", _ => (string?)"service_started"),
        YamlMappingNode mapping => mapping.Entries().ToDictionary(e => e.Key, e => e.Value.Text("condition")),
        _ => new Dictionary<string, string?>(),
    };

    /// <summary>Secret names mounted into the service, each at /run/secrets/&lt;target or name&gt;.</summary>
    public IReadOnlyList<(string Source, string Target)> Secrets => Node.Get("secrets").Items()
        .Select(s => s is YamlScalarNode scalar
            ? (scalar.Value ?? "", scalar.Value ?? "")
            : (s.Text("source") ?? "", s.Text("target") ?? s.Text("source") ?? ""))
        .ToList();

    public IReadOnlyList<string> Profiles => Node.Get("profiles").Items().Select(p => p.Text() ?? "").ToList();

    /// <summary>The service as a host process: settings, ports and health checks.</summary>
    public HostProcess Host => _host.Value;

    public override string ToString() => Name;

    private HostProcess ToHostProcess(string file)
    {
        var host = new HostProcess(file, $"service {Name}", runsSilo: !HostImage.IsDbInit(Command));
        foreach (var (key, value) in Environment)
        {
            host.Settings.Add(new Setting(key, value, "environment"));
        }

        if (Node.Get("env_file") is not null)
        {
            host.Unresolved.Add("env_file is not read by these tests; set variables under environment:");
        }

        foreach (var port in Ports)
        {
            if (port.Target is { } target)
            {
                host.Ports.Add(new PortUse(target, $"ports '{port.Text}' (container side)"));
            }
            else
            {
                host.Unresolved.Add($"ports '{port.Text}' is not [ip:][host:]container[/protocol]");
            }
        }

        foreach (var expose in Node.Get("expose").Items())
        {
            host.Ports.Add(int.TryParse(expose.Text()?.Split('/')[0], out var exposed)
                ? new PortUse(exposed, $"expose '{expose.Text()}'")
                : new PortUse(-1, $"expose '{expose.Text()}'"));
        }

        AddHealthcheck(host);
        return host;
    }

    private void AddHealthcheck(HostProcess host)
    {
        var healthcheck = Node.Get("healthcheck");
        if (healthcheck is null || healthcheck.Text("disable") == "true")
        {
            return;
        }

        var test = healthcheck.Get("test");
        if (test is YamlSequenceNode sequence && sequence.Children.Any(c => c is not YamlScalarNode))
        {
            host.Unresolved.Add("healthcheck test has an item that is not a string (an unquoted `: ` makes a mapping)");
            return;
        }

        var words = test switch
        {
            YamlScalarNode scalar => [scalar.Value ?? ""],
            YamlSequenceNode list => list.Children.Select(c => c.Text() ?? "").ToList(),
            _ => new List<string>(),
        };
        if (words is ["NONE", ..])
        {
            return;
        }

        var command = string.Join(' ', words is ["CMD" or "CMD-SHELL", .. var rest] ? rest : words);
        var path = RequestPath().Match(command);
        var port = TcpPort().Match(command) is { Success: true } tcp ? tcp : UrlPort().Match(command);
        if (!path.Success || !port.Success)
        {
            host.Unresolved.Add($"healthcheck '{command}': no HTTP request with a port and path these tests understand");
            return;
        }

        var where = $"healthcheck '{command}'";
        host.Probes.Add(new HealthProbe("healthcheck", path.Groups["path"].Value, where));
        host.Ports.Add(new PortUse(int.Parse(port.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture), where));
    }

    [GeneratedRegex(@"(?:GET\s+|https?://[^/\s'""]+)(?<path>/[^\s'""\\?]*)")]
    private static partial Regex RequestPath();

    [GeneratedRegex(@"/dev/tcp/[^/\s]+/(?<port>\d+)")]
    private static partial Regex TcpPort();

    [GeneratedRegex(@"https?://[^/:\s'""]+:(?<port>\d+)")]
    private static partial Regex UrlPort();
}

/// <summary>One <c>ports:</c> entry: short syntax <c>[ip:][published:]target[/protocol]</c> or long syntax.</summary>
internal sealed record ComposePort(string Text, string? HostIp, int? Published, int? Target)
{
    public static ComposePort Parse(YamlNode node)
    {
        if (node is YamlMappingNode)
        {
            var text = string.Join(", ", node.Entries().Select(e => $"{e.Key}: {e.Value.Text()}"));
            return new ComposePort(text, node.Text("host_ip"), Number(node.Text("published")), Number(node.Text("target")));
        }

        var shortSyntax = node.Text() ?? "";
        var withoutProtocol = shortSyntax.Split('/')[0];
        var separator = withoutProtocol.LastIndexOf(':');
        if (separator < 0)
        {
            return new ComposePort(shortSyntax, null, null, Number(withoutProtocol));
        }

        var target = Number(withoutProtocol[(separator + 1)..]);
        var front = withoutProtocol[..separator];
        var ipEnd = front.LastIndexOf(':');
        return ipEnd < 0
            ? new ComposePort(shortSyntax, null, Number(front), target)
            : new ComposePort(shortSyntax, front[..ipEnd].Trim('[', ']'), Number(front[(ipEnd + 1)..]), target);
    }

    private static int? Number(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
