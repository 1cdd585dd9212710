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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSlurpGrainServices(k => builder.Configuration.GetSection($"{SlurpOptions.Section}:Keys").Bind(k));
        builder.Services.Configure<DefaultRolesOptions>(o =>
            builder.Configuration.GetSection($"{SlurpOptions.Section}:Roles").Bind(o.Roles));

        var keys = builder.Configuration.GetSection($"{SlurpOptions.Section}:Keys").Get<Slurp.Grains.Keys.KeyOptions>() ?? new();
        if (keys.RotationCheckPeriod < options.Cluster.MinimumReminderPeriod)
        {
            throw new StartupConfigurationException(
                $"Slurp:Keys:RotationCheckPeriod ({keys.RotationCheckPeriod}) is shorter than Slurp:Cluster:MinimumReminderPeriod ({options.Cluster.MinimumReminderPeriod}); raise the first or lower the second");
        }

        DataDirectory.Ensure(options.DataDir);

        // Parsed on every profile, so a misspelt value fails the embedded default's start too, not only a cluster's.
        var nodePlacement = NodePlacementSetting.Parse(options.Cluster.NodePlacement);

        // Checked before the silo starts: found later, by the seal's start, it would come out of a half-started cluster.
        if (options.Seal.Mode is { } sealMode
            && sealMode.ToLowerInvariant() is not (Seal.SealCoordinator.DevMode or Seal.SealCoordinator.ShamirMode or Seal.SealCoordinator.AutoMode))
        {
            throw new StartupConfigurationException($"Slurp:Seal:Mode '{sealMode}' is not known; use dev, shamir or auto");
        }
        if (options.Storage.Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            PostgresSchemaGate.Ensure(PostgresProfile.ConnectionString(builder.Configuration), options.Storage.ApplySchema);
        }

        builder.UseOrleans(silo =>
        {
            switch (options.Storage.Provider.ToLowerInvariant())
            {
                case "sqlite":
                    EmbeddedProfile.Configure(silo, options, durable: true);
                    break;
                case "memory":
                    EmbeddedProfile.Configure(silo, options, durable: false);
                    break;
                case "postgres":
                    PostgresProfile.Configure(silo, options, nodePlacement, builder.Configuration);
                    break;
                default:
                    throw new StartupConfigurationException(
                        $"Slurp:Storage:Provider '{options.Storage.Provider}' is not known; use Sqlite (default), Postgres or Memory");
            }
        });
        return builder;
    }
}
