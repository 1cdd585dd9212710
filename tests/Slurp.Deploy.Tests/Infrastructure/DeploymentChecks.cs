using Slurp.Deploy.Tests.Options;

namespace Slurp.Deploy.Tests.Infrastructure;

/// <summary>The checks every deployment must pass, as lists of violations naming the file, the process and the key.</summary>
internal static class DeploymentChecks
{
    /// <summary>Variables that set no real option (typos, options that do not exist, values that do not convert).</summary>
    public static IEnumerable<string> UnknownSettings(IEnumerable<HostProcess> hosts) =>
        from host in hosts
        from setting in host.Settings
        // Compose substitutes ${…} at start; such a value is checked only by name.
        let value = setting.Value is { } v && v.Contains("${", StringComparison.Ordinal) ? null : setting.Value
        let problem = OptionPaths.Problem(setting.Name, value)
        where problem is not null
        select $"{host}: {setting.Name} ({setting.Origin}): {problem}";

    /// <summary>Ports a process is made to use (published, exposed, probed, targeted) that its configuration does not listen on.</summary>
    public static IEnumerable<string> PortsOutsideConfiguration(IEnumerable<HostProcess> hosts)
    {
        foreach (var host in hosts)
        {
            if (host.SiloPort is null || host.GatewayPort is null)
            {
                yield return $"{host}: SiloPort '{host.Value("Slurp__Cluster__SiloPort")}' or GatewayPort '{host.Value("Slurp__Cluster__GatewayPort")}' is not a literal port number";
            }

            var configured = host.ConfiguredPorts();
            foreach (var use in host.Ports.Where(p => !configured.ContainsKey(p.Port)))
            {
                var listens = string.Join(", ", configured.Values);
                yield return $"{host}: {use.Where} uses port {use.Port}, but the process listens on {listens}";
            }
        }
    }

    /// <summary>References that lead nowhere: a missing ConfigMap, a port name no container declares, a health check that cannot be read.</summary>
    public static IEnumerable<string> Unresolved(IEnumerable<HostProcess> hosts) =>
        hosts.SelectMany(h => h.Unresolved.Select(u => $"{h}: {u}"));
}
