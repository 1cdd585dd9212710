using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Tests;

/// <summary>
/// A one-silo cluster with memory storage and its own clock, for tests that disturb the whole silo:
/// sealing it, or moving its clock far enough that every role key falls due.
/// </summary>
public sealed class SingleSiloClusterFixture : IAsyncLifetime
{
    public SingleSiloClusterFixture()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            foreach (var name in StorageNames.All)
            {
                silo.AddMemoryGrainStorage(name);
            }

            silo.AddSlurpTestServices<MemoryAuditSink>(Clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.AddOutgoingGrainCallFilter(Gate);
        });
        Cluster = builder.Build();
    }

    /// <summary>The clock the grains read (reminders tick in real time).</summary>
    public FakeTimeProvider Clock { get; } = new(ClusterFixture.Start);

    /// <summary>Holds registrations of chosen child nodes with their parents.</summary>
    public RegistrationGate Gate { get; } = new();

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The services of the one silo, which hosts every grain.</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        TestSeal.UnsealAll(Cluster);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>The tests that share <see cref="SingleSiloClusterFixture"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SingleSiloClusterCollection : ICollectionFixture<SingleSiloClusterFixture>
{
    public const string Name = "single-silo-cluster";
}
