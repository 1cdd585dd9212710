using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Slurp.Grains.Access;

namespace Slurp.Grains.Tests;

/// <summary>
/// One two-silo in-process cluster with memory storage, shared by every grain test of
/// <see cref="ClusterCollection"/>. Grains see <see cref="Clock"/>; tests keep apart by using unique grain keys.
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

            silo.Services.AddSingleton<TimeProvider>(Clock);

            // Only grains follow the fake clock; membership, messaging and directory loops keep real time.
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

    /// <summary>The clock the grains read; advance it to separate versions in time.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
