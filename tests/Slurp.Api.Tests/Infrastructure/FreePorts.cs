using System.Net;
using System.Net.Sockets;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// Ports the operating system just handed out. Silos set ReuseAddress, so a fixed port shared by two
/// hosts would not fail: both would listen and the cluster would silently mix.
/// </summary>
internal static class FreePorts
{
    public static (int Silo, int Gateway) Allocate()
    {
        // Both listeners stay open until both ports are known, so the two can never be the same.
        var silo = new TcpListener(IPAddress.Loopback, 0);
        var gateway = new TcpListener(IPAddress.Loopback, 0);
        silo.Start();
        gateway.Start();
        try
        {
            return (((IPEndPoint)silo.LocalEndpoint).Port, ((IPEndPoint)gateway.LocalEndpoint).Port);
        }
        finally
        {
            silo.Stop();
            gateway.Stop();
        }
    }
}
