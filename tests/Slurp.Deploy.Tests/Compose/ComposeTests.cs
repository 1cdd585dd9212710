using System.Net;
using System.Net.Sockets;
using Slurp.Deploy.Tests.Infrastructure;

namespace Slurp.Deploy.Tests.Compose;

/// <summary>deploy/docker-compose.yml: one cluster of silos that can find each other, after the schema, unsealing themselves.</summary>
public sealed partial class ComposeTests
{
    private const string AdvertisedIPAddress = "Slurp__Cluster__AdvertisedIPAddress";
    private const string UnsealKeyFile = "Slurp__Seal__UnsealKeyFiles__";

    private readonly ComposeProject _compose = ComposeProject.Load();

    [Fact]
    public void ThreeSilosRunTheHostImageAndPublishHttpOn5081To5083()
    {
        var silos = _compose.Silos.Where(s => s.Profiles.Count == 0).ToList();

        Assert.Equal(["silo1", "silo2", "silo3"], silos.Select(s => s.Name));
        Assert.Equal([5081, 5082, 5083], silos.Select(s => Assert.Single(s.Ports).Published));
        Assert.All(silos, s => Assert.Equal("Postgres", s.Host.Value("Slurp__Storage__Provider")));
        Assert.All(silos, s => Assert.True(s.Host.Sets("ConnectionStrings__Slurp")));
    }

    [Fact]
    public void TheSilosConnectionsFitInPostgresWithRoomForAdministration()
    {
        // Each silo has two pools: the Orleans providers' (Maximum Pool Size in the connection string) and SLURP's
        // own tables' (Slurp:Storage:MaxPoolSize). PostgreSQL keeps 3 slots for superusers by default; leave one
        // more for the schema init or an operator's psql.
        var postgres = _compose.Service("postgres");
        var command = string.Join(' ', postgres.Command);
        var maxConnections = MaxConnectionsSetting().Match(command) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 100;

        // The steady cluster: the bootstrap silo (profile "bootstrap") runs alone, before the others, and is removed.
        var silos = _compose.Silos.Where(s => s.Profiles.Count == 0).ToList();
        var total = silos.Sum(s =>
        {
            var providers = new Npgsql.NpgsqlConnectionStringBuilder(s.Host.Value("ConnectionStrings__Slurp")).MaxPoolSize;
            var own = s.Host.Value("Slurp__Storage__MaxPoolSize") is { } set
                ? int.Parse(set, System.Globalization.CultureInfo.InvariantCulture)
                : new Slurp.Host.Configuration.StorageOptions().MaxPoolSize;
            return providers + own;
        });

        Assert.True(total <= maxConnections - 4, $"{silos.Count} silos may open {total} connections; PostgreSQL allows {maxConnections} (3 kept for superusers)");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"max_connections=(\d+)")]
    private static partial System.Text.RegularExpressions.Regex MaxConnectionsSetting();

    [Fact]
    public void AllSilosShareOneClusterIdAndServiceId()
    {
        var silos = _compose.Silos.ToList();

        Assert.True(silos.Count >= 3);
        Assert.Single(silos.Select(s => s.Host.ClusterId).Distinct());
        Assert.Single(silos.Select(s => s.Host.ServiceId).Distinct());
    }

    [Fact]
    public void SilosSharingANetworkNamespaceUseDistinctPorts()
    {
        Assert.Empty(PortClashes(_compose));
    }

    [Fact]
    public void SilosOnTheHostNetworkWithTheSamePortsAreCaught()
    {
        var text = RepositoryFiles.Read(_compose.File)
            .Replace("    hostname: silo1\n", "    hostname: silo1\n    network_mode: host\n", StringComparison.Ordinal)
            .Replace("    hostname: silo2\n", "    hostname: silo2\n    network_mode: host\n", StringComparison.Ordinal);

        var clashes = PortClashes(ComposeProject.Parse(_compose.File, text));

        Assert.Contains(clashes, c => c.Contains("silo1", StringComparison.Ordinal) && c.Contains("silo2", StringComparison.Ordinal) && c.Contains("11111", StringComparison.Ordinal));
    }

    [Fact]
    public void EverySiloAdvertisesItsOwnFixedAddressOnTheClusterNetwork()
    {
        var endpoints = new HashSet<string>();
        foreach (var silo in _compose.Silos)
        {
            var advertised = silo.Host.Value(AdvertisedIPAddress);
            Assert.True(IPAddress.TryParse(advertised, out _), $"{silo}: {AdvertisedIPAddress} '{advertised}' must be an IP address (the host parses it as one)");
            Assert.Contains(advertised, silo.Networks.Values);
            Assert.True(endpoints.Add($"{advertised}:{silo.Host.SiloPort}"), $"{silo}: {advertised}:{silo.Host.SiloPort} is another silo's endpoint");
        }
    }

    [Fact]
    public void FixedAddressesLieInTheSubnetAndOutsideTheDynamicRange()
    {
        foreach (var silo in _compose.Silos)
        {
            foreach (var (network, address) in silo.Networks.Where(n => n.Value is not null))
            {
                var ipam = Assert.Single(_compose.Root.Get("networks").Get(network).Get("ipam").Get("config").Items());
                Assert.True(InCidr(address!, ipam.Text("subnet")!), $"{silo}: {address} is outside {ipam.Text("subnet")}");
                Assert.False(ipam.Text("ip_range") is { } range && InCidr(address!, range), $"{silo}: {address} is inside the dynamic ip_range and may be handed to another container");
            }
        }
    }

    [Fact]
    public void NoTwoServicesPublishTheSameHostPort()
    {
        var published = _compose.Services.SelectMany(s => s.Ports.Where(p => p.Published is not null).Select(p => (Service: s.Name, Port: p.Published!.Value))).ToList();

        var duplicates = published.GroupBy(p => p.Port).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Service))}");

        Assert.Empty(duplicates);
    }

    [Fact]
    public void TheSchemaIsAppliedOnceByTheHostImageAfterPostgresIsHealthy()
    {
        var schema = _compose.Service("schema-init");

        Assert.True(schema.RunsHostImage);
        Assert.Equal(["db", "init"], schema.Command);
        Assert.Equal("no", schema.Node.Text("restart"));
        Assert.Equal("service_healthy", schema.DependsOn["postgres"]);
        Assert.Equal(_compose.Silos.First().Host.Value("ConnectionStrings__Slurp"), schema.Host.Value("ConnectionStrings__Slurp"));
    }

    [Fact]
    public void EverySiloStartsOnlyAfterTheSchemaInitCompleted()
    {
        Assert.All(_compose.Silos, s => Assert.Equal("service_completed_successfully", s.DependsOn.GetValueOrDefault("schema-init")));
    }

    [Fact]
    public void PostgresKeepsItsDataInANamedVolumeAndHasAHealthcheck()
    {
        var postgres = _compose.Service("postgres");

        Assert.Equal("postgres:15", postgres.Image);
        Assert.NotNull(postgres.Node.Get("healthcheck").Get("test"));
        var volume = Assert.Single(postgres.Node.Get("volumes").Items()).Text()!.Split(':');
        Assert.Equal("/var/lib/postgresql/data", volume[1]);
        Assert.Contains(volume[0], _compose.Root.Get("volumes").Entries().Select(v => v.Key));
    }

    [Fact]
    public void UnsealKeyFilesAreSharesMountedAsSecretsFromTheSecretsFolder()
    {
        var silosWithShares = 0;
        foreach (var silo in _compose.Silos)
        {
            var files = silo.Host.Settings.Where(s => s.Name.StartsWith(UnsealKeyFile, StringComparison.Ordinal)).Select(s => s.Value).ToList();
            var mounted = silo.Secrets.ToDictionary(s => $"/run/secrets/{s.Target}", s => s.Source);
            Assert.Equal(files.Count, files.Distinct().Count());
            silosWithShares += files.Count > 0 ? 1 : 0;
            foreach (var file in files)
            {
                Assert.True(mounted.TryGetValue(file!, out var secret), $"{silo}: {file} is not a secret the service mounts");
                var source = _compose.Root.Get("secrets").Get(secret!).Text("file");
                Assert.Matches(@"^\./secrets/unseal-[0-9]+\.key$", source);
            }
        }

        Assert.True(silosWithShares >= 3);
    }

    [Fact]
    public void TheBootstrapSiloStartsSealedAndPublishesOnLoopbackOnly()
    {
        var bootstrap = _compose.Service("bootstrap");

        Assert.Equal(["bootstrap"], bootstrap.Profiles);
        Assert.DoesNotContain(bootstrap.Host.Settings, s => s.Name.StartsWith(UnsealKeyFile, StringComparison.Ordinal));
        Assert.Equal("127.0.0.1", Assert.Single(bootstrap.Ports).HostIp);
    }

    [Fact]
    public void TheImageIsBuiltFromTheRepositoryRootWithTheDeployDockerfile()
    {
        foreach (var service in _compose.HostServices)
        {
            var build = service.Node.Get("build");
            Assert.Equal("..", build.Text("context"));
            Assert.Equal("deploy/Dockerfile", build.Text("dockerfile"));
        }
    }

    private static List<string> PortClashes(ComposeProject compose)
    {
        var clashes = new List<string>();
        foreach (var group in compose.Silos.GroupBy(compose.NetworkNamespace))
        {
            var silos = group.ToList();
            for (var i = 0; i < silos.Count; i++)
            {
                for (var j = i + 1; j < silos.Count; j++)
                {
                    var shared = silos[i].Host.ConfiguredPorts().Keys.Intersect(silos[j].Host.ConfiguredPorts().Keys).ToList();
                    if (shared.Count > 0)
                    {
                        clashes.Add($"{compose.File}: {silos[i].Name} and {silos[j].Name} share network namespace {group.Key} and ports {string.Join(", ", shared)}");
                    }
                }
            }
        }

        return clashes;
    }

    private static bool InCidr(string address, string cidr)
    {
        var parts = cidr.Split('/');
        var network = IPAddress.Parse(parts[0]).GetAddressBytes();
        var candidate = IPAddress.Parse(address);
        if (candidate.AddressFamily != AddressFamily.InterNetwork || network.Length != 4)
        {
            return false;
        }

        var prefix = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (ToUInt(candidate.GetAddressBytes()) & mask) == (ToUInt(network) & mask);
    }

    private static uint ToUInt(byte[] bytes) => (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
}
