using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Slurp.Grains.Context;
using Slurp.Grains.Keys;
using Slurp.Grains.Seal;

namespace Slurp.Grains.Hosting;

/// <summary>
/// The per-silo services the grains need: the seal vault, the role key cache, the layer sealer, the ancestor cache,
/// and the filter that moves grains off a sealed silo.
/// </summary>
public static class SlurpGrainServices
{
    public static IServiceCollection AddSlurpGrainServices(this IServiceCollection services, Action<KeyOptions>? configureKeys = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SealVault>();
        services.TryAddSingleton<RoleKeyCache>();
        services.TryAddSingleton<LayerSealer>();
        services.TryAddSingleton<CascadeCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, SealedSiloHandover>());
        var keys = services.AddOptions<KeyOptions>();
        if (configureKeys is not null)
        {
            keys.Configure(configureKeys);
        }

        return services;
    }
}
