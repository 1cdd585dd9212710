using Orleans.TestingHost;
using Slurp.Grains.Audit;
using Slurp.Grains.Hosting;

namespace Slurp.Grains.Tests.Storage;

/// <summary>
/// A one-silo cluster whose grain storages (and audit log) are the embedded SQLite store on a temp file,
/// unsealed with <see cref="TestSeal"/> after deployment.
/// </summary>
public sealed class SqliteClusterFixture : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public SqliteClusterFixture()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(options => options.DatabasePath = _database.DatabasePath, [.. StorageNames.All]);
            silo.AddSlurpTestServices<SqliteAuditSink>(TimeProvider.System);
        });
        Cluster = builder.Build();
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The services of the one silo.</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    /// <summary>The folder of the database file, its WAL and shared-memory files.</summary>
    public string DatabaseFolder => Path.GetDirectoryName(_database.DatabasePath)!;

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        TestSeal.UnsealAll(Cluster);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _database.Dispose();
    }
}
