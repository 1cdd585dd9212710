using Slurp.Deploy.Tests.Infrastructure;

namespace Slurp.Deploy.Tests.Systemd;

/// <summary>deploy/systemd: one silo per machine under a dedicated, confined user.</summary>
public sealed class SystemdTests
{
    private readonly IReadOnlyList<UnitLine> _unit = SystemdFiles.ParseUnit(RepositoryFiles.Read(RepositoryFiles.SystemdUnit));

    private readonly HostProcess _host = Deployments.HostProcesses(Deployments.Systemd).Single();

    [Fact]
    public void TheUnitRunsThePublishedHostWithItsEnvironmentFile()
    {
        Assert.Matches(@"^\S*/dotnet /opt/slurp/Slurp\.Host\.dll$", Active("ExecStart"));
        Assert.Equal("/etc/slurp/slurp.env", Active("EnvironmentFile"));
        Assert.Equal("on-failure", Active("Restart"));
        Assert.Equal("multi-user.target", Active("WantedBy", "Install"));
    }

    [Fact]
    public void TheServiceRunsAsADedicatedUserWithAStateDirectory()
    {
        Assert.False(string.IsNullOrEmpty(Active("User")));
        Assert.NotEqual("root", Active("User"));
        Assert.Equal("slurp", Active("StateDirectory"));
    }

    [Theory]
    [InlineData("NoNewPrivileges", "yes")]
    [InlineData("ProtectSystem", "strict")]
    [InlineData("ProtectHome", "yes")]
    [InlineData("PrivateTmp", "yes")]
    [InlineData("CapabilityBoundingSet", "")]
    public void TheServiceIsHardened(string key, string value)
    {
        Assert.Equal(value, Active(key));
    }

    [Fact]
    public void TheJitKeepsWritableExecutableMemory()
    {
        // MemoryDenyWriteExecute=yes kills the .NET JIT at start.
        Assert.DoesNotContain(_unit, l => l is { Key: "MemoryDenyWriteExecute", Commented: false } && l.Value == "yes");
    }

    [Fact]
    public void TheDataDirIsTheStateDirectoryAndWritableUnderProtectSystemStrict()
    {
        var dataDir = _host.Value("Slurp__DataDir");
        var readWritePaths = _unit.Where(l => l is { Section: "Service", Key: "ReadWritePaths", Commented: false })
            .SelectMany(l => l.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.TrimStart('-')))
            .ToList();

        Assert.NotNull(dataDir);
        Assert.Equal($"/var/lib/{Active("StateDirectory")}", dataDir);
        Assert.Contains(readWritePaths, p => dataDir == p || dataDir.StartsWith(p + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryUnsealKeyFileIsACredentialTheUnitLoads()
    {
        var credentials = _unit.Where(l => l.Key == "LoadCredential")
            .Select(l => $"/run/credentials/slurp.service/{l.Value.Split(':')[0]}")
            .ToList();
        var files = _host.Settings.Where(s => s.Name.StartsWith("Slurp__Seal__UnsealKeyFiles__", StringComparison.Ordinal)).Select(s => s.Value).ToList();

        Assert.NotEmpty(files);
        Assert.Equal(credentials.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheExampleRunsTheClusterProfileSealed()
    {
        Assert.Equal("Postgres", _host.Value("Slurp__Storage__Provider"));
        Assert.Equal("shamir", _host.Value("Slurp__Seal__Mode"));
        Assert.True(System.Net.IPAddress.TryParse(_host.Value("Slurp__Cluster__AdvertisedIPAddress"), out _));
        Assert.True(_host.Sets("ConnectionStrings__Slurp"));
    }

    private string? Active(string key, string section = "Service") =>
        _unit.LastOrDefault(l => l.Key == key && l.Section == section && !l.Commented)?.Value;
}
