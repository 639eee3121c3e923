using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

/// <summary>Starts real silo and client hosts bound to 127.0.0.1 on free ports.</summary>
internal static class OrleansHosts
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A silo of <paramref name="clusterId"/> listening on 127.0.0.1 with fast reminders; <paramref name="configure"/> adds
    /// storage, reminders and clustering.
    /// </summary>
    public static async Task<IHost> StartSiloAsync(string clusterId, Action<ISiloBuilder> configure, bool localhostClustering)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                if (localhostClustering)
                {
                    silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: clusterId, clusterId: clusterId);
                }
                else
                {
                    silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                    silo.Configure<ClusterOptions>(options =>
                    {
                        options.ClusterId = clusterId;
                        options.ServiceId = clusterId;
                    });
                }

                silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
                configure(silo);
            })
            .Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public static async Task<IHost> StartClientAsync(string clusterId, Action<IClientBuilder> configure)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = clusterId;
                });
                configure(client);
            })
            .Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public static async Task StopAsync(IHost? host)
    {
        if (host is null)
        {
            return;
        }

        using (var deadline = new CancellationTokenSource(StopTimeout))
        {
            await host.StopAsync(deadline.Token);
        }

        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
