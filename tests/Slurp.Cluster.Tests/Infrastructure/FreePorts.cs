using System.Net;
using System.Net.Sockets;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>
/// Loopback ports that were free a moment ago, never the same one twice in this run. Silos listen with
/// ReuseAddress, so a silo given a port already in use would start without error and share it (ORLEANS-NOTES.md).
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("no unused loopback port after 100 attempts");
    }
}
