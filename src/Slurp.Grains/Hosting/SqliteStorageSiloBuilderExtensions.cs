using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Slurp.Grains.Storage;

namespace Slurp.Grains.Hosting;

/// <summary>Registers the embedded SQLite grain storage.</summary>
public static class SqliteStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds named grain storages backed by one shared <see cref="SqliteStateStore"/> (one file, one writer).
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, Action<SqliteStorageOptions> configure, params string[] names)
    {
        builder.Services.Configure(configure);
        builder.Services.TryAddSingleton<SqliteStateStore>();
        foreach (var name in names)
        {
            builder.Services.AddGrainStorage(name, static (sp, n) =>
                new StateStoreGrainStorage(n, sp.GetRequiredService<SqliteStateStore>(), sp.GetRequiredService<Serializer>()));
        }

        return builder;
    }
}
