using Slurp.Abstractions.Access;
using Slurp.Abstractions.Keys;
using Slurp.Grains.Keys;

namespace Slurp.Host.Keys;

/// <summary>
/// Activates every role's key grain at start so each re-registers its rotation reminder: on the embedded
/// default reminders live in memory, and a key due while the process was down must still rotate.
/// </summary>
internal sealed partial class KeyReminderBootstrap(IGrainFactory grains, ILogger<KeyReminderBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var roles = await grains.GetGrainByKey<IRoleCatalogGrain>(IRoleCatalogGrain.Key).GetRolesAsync(cancellationToken);
            await Task.WhenAll(roles.Select(r => grains.GetGrainByKey<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + r.Name).GetRingAsync(cancellationToken)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not activate the role key grains at start; their reminders register on first use")]
    private partial void LogFailed(Exception exception);
}
