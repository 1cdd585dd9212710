using Slurp.Grains;
using Slurp.Grains.Access;
using Slurp.Grains.Hosting;
using Slurp.Host.Configuration;

namespace Slurp.Host.Silo;

/// <summary>Co-hosts the Orleans silo in the web process, on the profile the configuration selects.</summary>
internal static class SiloSetup
{
    public static WebApplicationBuilder AddSlurpSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SlurpOptions.Section).Get<SlurpOptions>() ?? new SlurpOptions();
        var dataDir = Path.GetFullPath(options.DataDir);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<DefaultRolesOptions>(o =>
            builder.Configuration.GetSection($"{SlurpOptions.Section}:Roles").Bind(o.Roles));

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.Cluster.SiloPort, options.Cluster.GatewayPort, null, options.Cluster.ServiceId, options.Cluster.ClusterId);
            switch (options.Storage.Provider.ToLowerInvariant())
            {
                case "sqlite":
                    silo.AddSqliteGrainStorage(
                        o =>
                        {
                            o.DatabasePath = Path.Combine(dataDir, "slurp.db");
                            o.MaxBatchSize = options.Storage.MaxBatchSize;
                        },
                        [.. StorageNames.All]);
                    break;
                case "memory":
                    foreach (var name in StorageNames.All)
                    {
                        silo.AddMemoryGrainStorage(name);
                    }

                    break;
                default:
                    throw new InvalidOperationException(
                        $"Slurp:Storage:Provider '{options.Storage.Provider}' is not known; use Sqlite (default) or Memory");
            }
        });
        return builder;
    }
}
