using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Slurp.Grains.Access;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Tests;

/// <summary>
/// One two-silo in-process cluster with memory storage, shared by every grain test of
/// <see cref="ClusterCollection"/>. Both silos are unsealed with <see cref="TestSeal"/> after deployment.
/// Grains see <see cref="Clock"/>; tests keep apart by using unique grain keys and role names.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Where <see cref="Clock"/> starts; tests only ever move it forward.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The roles every role catalog is seeded with.</summary>
    public static IReadOnlyDictionary<string, DefaultRole> DefaultRoles { get; } = new Dictionary<string, DefaultRole>
    {
        ["backend"] = new() { AccessLevel = "medium", Scopes = ["/api/**", "/src/**"], CanWrite = true },
        ["auditor"] = new() { AccessLevel = "high", Scopes = ["/**"], CanWrite = false },
    };

    public ClusterFixture()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            foreach (var name in StorageNames.All)
            {
                silo.AddMemoryGrainStorage(name);
            }

            silo.AddSlurpTestServices<MemoryAuditSink>(Clock);

            // Only grains (and their timers) follow the fake clock; membership, messaging, directory and
            // reminder loops keep real time.
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.Configure<DefaultRolesOptions>(options =>
            {
                foreach (var (name, role) in DefaultRoles)
                {
                    options.Roles[name] = role;
                }
            });
        });
        Cluster = builder.Build();
    }

    /// <summary>The clock the grains read; advance it to separate versions in time and to fire grain timers.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The services of the first silo (its layer sealer, vault and storages).</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        TestSeal.UnsealAll(Cluster);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
