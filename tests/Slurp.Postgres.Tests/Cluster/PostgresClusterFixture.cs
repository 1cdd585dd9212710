using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Slurp.Postgres.Tests.Infrastructure;
using Slurp.Storage.Postgres;

namespace Slurp.Postgres.Tests.Cluster;

/// <summary>
/// Two silos and a client on the PostgreSQL profile: ADO.NET clustering, grain storage and reminders, all
/// Invariant "Npgsql", on a fresh database with the schema applied, under a ServiceId and ClusterId unique
/// to this run.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public const string Invariant = "Npgsql";
    public const string ContextStorage = "context";
    public const string AccessStorage = "access";
    public const string PubSubStorage = "PubSubStore";

    private InProcessTestCluster? _cluster;

    public TestDatabase Database { get; private set; } = null!;

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    public string ServiceId => $"slurp-test-{RunId}";

    public string ClusterId => $"slurp-test-{RunId}";

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await PostgresSchema.ApplyAsync(Database.ConnectionString, CancellationToken.None);

        var connectionString = Database.ConnectionString;
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = ClusterId;
        UseOurMembership(builder.Options);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            foreach (var storage in new[] { ContextStorage, AccessStorage, PubSubStorage })
            {
                silo.AddAdoNetGrainStorage(storage, o =>
                {
                    o.Invariant = Invariant;
                    o.ConnectionString = connectionString;
                });
            }

            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
        });
        builder.ConfigureClient(client => client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        }));

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>A service of the first silo.</summary>
    public T SiloService<T>()
        where T : notnull => Cluster.Silos[0].ServiceProvider.GetRequiredService<T>();

    // InProcessTestCluster registers its own in-memory membership table and gateway list after ours unless
    // UseTestClusterMembership is off, and that switch is internal (Orleans' own provider tests reach it
    // through InternalsVisibleTo). Without this the ADO.NET clustering under test would never be used.
    private static void UseOurMembership(InProcessTestClusterOptions options)
    {
        var flag = typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException(
                "InProcessTestClusterOptions.UseTestClusterMembership is gone; find the new way to keep the test membership table out.");
        flag.SetValue(options, false);
    }
}

/// <summary>The tests that share one <see cref="PostgresClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres-cluster";
}
