using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Slurp.Grains.Hosting;

namespace Slurp.Grains.Tests.Storage;

/// <summary>A one-silo cluster whose grain storages are the embedded SQLite store on a temp file.</summary>
public sealed class SqliteClusterFixture : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public SqliteClusterFixture()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(options => options.DatabasePath = _database.DatabasePath, [.. StorageNames.All]);
            silo.Services.AddSingleton(TimeProvider.System);
        });
        Cluster = builder.Build();
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The services of the one silo.</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _database.Dispose();
    }
}
