using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Slurp.Grains.Context;
using Slurp.Grains.Keys;
using Slurp.Grains.Seal;

namespace Slurp.Grains.Hosting;

/// <summary>The per-silo services the grains need: the seal vault, the role key cache, the layer sealer, the ancestor cache.</summary>
public static class SlurpGrainServices
{
    public static IServiceCollection AddSlurpGrainServices(this IServiceCollection services, Action<KeyOptions>? configureKeys = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SealVault>();
        services.TryAddSingleton<RoleKeyCache>();
        services.TryAddSingleton<LayerSealer>();
        services.TryAddSingleton<CascadeCache>();
        var keys = services.AddOptions<KeyOptions>();
        if (configureKeys is not null)
        {
            keys.Configure(configureKeys);
        }

        return services;
    }
}
