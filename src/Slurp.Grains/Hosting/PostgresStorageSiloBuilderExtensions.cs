using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Slurp.Grains.Audit;
using Slurp.Grains.Storage;
using Slurp.Grains.Storage.Postgres;

namespace Slurp.Grains.Hosting;

/// <summary>Registers the cluster profile's own PostgreSQL store: context-node state and the audit log.</summary>
public static class PostgresStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds one <see cref="PostgresStateStore"/> per silo (one group-commit writer over <paramref name="connectionString"/>),
    /// named grain storages on it, and the <see cref="PostgresAuditSink"/> that appends through it.
    /// </summary>
    public static ISiloBuilder AddPostgresStateStore(this ISiloBuilder builder, string connectionString, int maxBatchSize, params string[] names)
    {
        // The store owns its pool: when the host's container disposes the store, the connections close.
        builder.Services.AddSingleton(sp => new PostgresStateStore(
            NpgsqlDataSource.Create(connectionString), maxBatchSize, sp.GetRequiredService<ILogger<PostgresStateStore>>(), ownsDataSource: true));
        builder.Services.AddSingleton<IAuditSink, PostgresAuditSink>();
        foreach (var name in names)
        {
            builder.Services.AddGrainStorage(name, static (sp, n) =>
                new StateStoreGrainStorage(n, sp.GetRequiredService<PostgresStateStore>(), sp.GetRequiredService<Serializer>()));
        }

        return builder;
    }
}
