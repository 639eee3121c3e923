using System.Net;
using System.Net.Sockets;

namespace OrleansSagas.IntegrationTests.Infrastructure;

/// <summary>Free TCP ports on 127.0.0.1 for silos and gateways started by tests (never the same one twice in a run).</summary>
internal static class FreePort
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Given.Add(port)) return port;
            }
        }
    }
}
