using Slurp.Grains;
using Slurp.Grains.Audit;
using Slurp.Grains.Hosting;
using Slurp.Host.Configuration;

namespace Slurp.Host.Silo;

/// <summary>The embedded default: one silo, localhost clustering, SQLite storage under DataDir (or memory).</summary>
internal static class EmbeddedProfile
{
    public static void Configure(ISiloBuilder silo, SlurpOptions options, bool durable)
    {
        silo.UseLocalhostClustering(options.Cluster.SiloPort, options.Cluster.GatewayPort, null, options.Cluster.ServiceId, options.Cluster.ClusterId);

        // One silo: reminders live in memory and every role key grain re-registers its reminder at start
        // (KeyReminderBootstrap), so a restart loses no rotation.
        silo.UseInMemoryReminderService();
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = options.Cluster.MinimumReminderPeriod);
        if (durable)
        {
            silo.AddSqliteGrainStorage(
                o =>
                {
                    o.DatabasePath = Path.Combine(Path.GetFullPath(options.DataDir), "slurp.db");
                    o.MaxBatchSize = options.Storage.MaxBatchSize;
                },
                [.. StorageNames.All]);
            silo.Services.AddSingleton<IAuditSink, SqliteAuditSink>();
            return;
        }

        foreach (var name in StorageNames.All)
        {
            silo.AddMemoryGrainStorage(name);
        }

        silo.Services.AddSingleton<IAuditSink, MemoryAuditSink>();
    }
}
