using System.Net;
using System.Net.Sockets;
using Npgsql;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.Client.Http;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>
/// Several real silo processes on one PostgreSQL database, each on its own fixed port (a cluster node's address is
/// its --urls), with a client that knows every gateway and a storage handle for assertions.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<TempDirectory> _directories = [];
    private readonly List<(SiloProcess Silo, Uri Address)> _silos = [];

    private SiloCluster(string connectionString)
    {
        ConnectionString = connectionString;
        Storage = new PostgreSqlSagaStorage(connectionString);
    }

    public string ConnectionString { get; }
    public PostgreSqlSagaStorage Storage { get; }
    public IReadOnlyList<(SiloProcess Silo, Uri Address)> Silos => _silos;

    public static async Task<SiloCluster> StartAsync(string connectionString, int nodes, params string[] extraArgs)
    {
        var cluster = new SiloCluster(connectionString);
        try
        {
            await cluster.Storage.InitializeAsync();
            await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ => cluster.StartNodeAsync(extraArgs)));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<SiloProcess> StartNodeAsync(params string[] extraArgs)
    {
        var directory = new TempDirectory();
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        lock (_directories) _directories.Add(directory);
        var silo = await SiloProcess.StartAsync(directory.Path,
        [
            "--urls", address.ToString().TrimEnd('/'),
            "--Sagas:Storage", "PostgreSql",
            "--ConnectionStrings:Sagas", ConnectionString,
            .. extraArgs,
        ]);
        lock (_silos) _silos.Add((silo, address));
        return silo;
    }

    public SagaHttpClient CreateClient()
    {
        var options = new SagaClientOptions { RetryDelay = TimeSpan.FromMilliseconds(100), MaxAttempts = 20 };
        foreach (var (_, address) in _silos) options.Gateways.Add(address);
        return new SagaHttpClient(new HttpClient(), options);
    }

    /// <summary>The membership row of the silo at <paramref name="address"/>.</summary>
    public async Task<MemberRecord> MemberAtAsync(Uri address) =>
        (await Storage.Membership.ListAsync()).Where(m => m.Address == address.ToString().TrimEnd('/')).MaxBy(m => m.StartedAt)
        ?? throw new InvalidOperationException($"No member registered at {address}.");

    public async ValueTask DisposeAsync()
    {
        foreach (var (silo, _) in _silos) silo.Dispose();
        foreach (var directory in _directories) directory.Dispose();
        await Storage.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
