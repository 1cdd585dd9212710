namespace Slurp.Host.Seal;

/// <summary>Runs the seal's start-up after the silo has started (dev auto-unseal, share files).</summary>
internal sealed class SealBootstrap(SealCoordinator seal) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => seal.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
