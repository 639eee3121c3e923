using System.Net;
using System.Net.Sockets;

namespace OrleansSagas.Benchmarks;

/// <summary>Free TCP ports on the loopback interface (other builds and tests share this machine).</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
