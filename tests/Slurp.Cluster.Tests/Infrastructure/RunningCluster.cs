namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>
/// What most cluster tests start with: a fresh database on a PostgreSQL server, SLURP's schema applied to it
/// (<c>db init</c>), and silos on it, initialized (unsealed, the writer agent created). Disposed together, the
/// silos first.
/// </summary>
public sealed class RunningCluster : IAsyncDisposable
{
    private RunningCluster(ClusterDatabase database, TestCluster cluster)
    {
        Database = database;
        Cluster = cluster;
    }

    public ClusterDatabase Database { get; }

    public TestCluster Cluster { get; }

    /// <param name="serverConnectionString">The server to create the database on.</param>
    /// <param name="silos">How many silos to start.</param>
    /// <param name="siloArguments">Extra command-line arguments for every silo.</param>
    /// <param name="cancellationToken">Bounds the whole start.</param>
    /// <param name="prepareDatabase">Runs on the new database before the schema is applied (session settings, say).</param>
    public static async Task<RunningCluster> StartAsync(
        string serverConnectionString, int silos, IReadOnlyList<string> siloArguments, CancellationToken cancellationToken,
        Func<ClusterDatabase, Task>? prepareDatabase = null)
    {
        var database = await ClusterDatabase.CreateAsync(serverConnectionString, cancellationToken);
        TestCluster? cluster = null;
        try
        {
            if (prepareDatabase is not null)
            {
                await prepareDatabase(database);
            }

            await HostAssembly.DbInitAsync(database.SiloConnectionString, TimeSpan.FromSeconds(60), cancellationToken);
            cluster = new TestCluster(database.SiloConnectionString);
            await cluster.StartSilosAsync(silos, siloArguments, cancellationToken);
            await cluster.InitializeAsync(cancellationToken);
            return new RunningCluster(database, cluster);
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
