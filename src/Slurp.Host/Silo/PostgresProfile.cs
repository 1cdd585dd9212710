using System.Net;
using Orleans.Configuration;
using Npgsql;
using Orleans.Runtime.Placement;
using Slurp.Grains;
using Slurp.Grains.Hosting;
using Slurp.Host.Configuration;

namespace Slurp.Host.Silo;

/// <summary>
/// The cluster profile: ADO.NET clustering, grain storage and reminders on PostgreSQL through Npgsql, context
/// nodes and the audit log in SLURP's own tables, so several silos on one or many machines form one cluster.
/// </summary>
internal static class PostgresProfile
{
    private const string Invariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, SlurpOptions options, NodePlacement nodePlacement, IConfiguration configuration)
    {
        var connectionString = PostgresConnectionTuning.Apply(ConnectionString(configuration));
        var cluster = options.Cluster;
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIPAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.ListenOnAnyHostAddress);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        // Context nodes live in SLURP's own table, written by group commit together with the audit entry of
        // the same request (one commit per write; the generic provider commits each write alone). The other
        // grains' state, rarely written, stays with the Orleans provider.
        silo.AddPostgresStateStore(
            PostgresConnectionTuning.WithMaxPool(connectionString, options.Storage.MaxPoolSize), options.Storage.MaxBatchSize, StorageNames.Context);
        foreach (var name in StorageNames.All.Where(n => n != StorageNames.Context).Append("PubSubStore"))
        {
            silo.AddAdoNetGrainStorage(name, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        }

        if (nodePlacement == NodePlacement.Local)
        {
            // An agent's PUT goes through one front door; the node it writes then lives on that silo, and the call
            // into it (≈ 0.3 ms between processes here) stays in the process (docs/storage.md "Where nodes live").
            silo.Services.AddSingleton<IPlacementStrategyResolver>(new ContextNodePlacementResolver());
        }

        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = cluster.MinimumReminderPeriod);
        if (cluster.FastFailureDetection)
        {
            // Declares a dead silo in ≈ 4 s instead of ≈ 10–12 s (ORLEANS-NOTES.md); the price is a higher
            // chance that a silo stalled by load is suspected. One vote suffices, so it suits small clusters.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            });
        }
    }

    /// <summary>The <c>ConnectionStrings:Slurp</c> the profile needs, or a clear start-up error.</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Slurp") is not { Length: > 0 } value)
        {
            throw new StartupConfigurationException(
                "Slurp:Storage:Provider=Postgres needs ConnectionStrings:Slurp (env ConnectionStrings__Slurp), e.g. " + Example);
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException)
        {
            // Npgsql's message can quote the string (a password typed without its key, say): say what is expected instead.
            throw new StartupConfigurationException(
                "ConnectionStrings:Slurp is not a PostgreSQL connection string of Key=Value pairs separated by ';' with keys Npgsql knows, e.g. "
                + Example + " (the value is not shown: it may hold a password)");
        }

        return value;
    }

    private const string Example = "Host=127.0.0.1;Port=5432;Database=slurp;Username=slurp;Password=…";
}
