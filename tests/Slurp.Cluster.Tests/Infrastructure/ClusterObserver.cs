using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>
/// An Orleans client joined to a test cluster through its PostgreSQL membership table, for what the HTTP API does
/// not show: which silo hosts an activation (the management grain's directory lookup). It never activates a grain.
/// </summary>
public sealed class ClusterObserver : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterObserver(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to the cluster whose silos use <paramref name="connectionString"/> and the profile's default ids.</summary>
    public static async Task<ClusterObserver> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "slurp";
                    o.ServiceId = "slurp";
                });
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new ClusterObserver(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>The silo port of the silo that hosts <paramref name="grain"/>'s activation, or null when none is registered.</summary>
    public async Task<int?> HostingSiloPortAsync(IAddressable grain)
    {
        var silo = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return silo?.Endpoint.Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
