using Npgsql;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.Client.Http;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.SiloProcesses;

/// <summary>
/// Real silo processes forming one Orleans cluster on one PostgreSQL database (ADO.NET clustering), each on its own free
/// HTTP, silo and gateway ports with its own folder (step log), plus the database's catalog for assertions.
/// </summary>
internal sealed class PostgresSiloCluster : IAsyncDisposable
{
    private readonly List<TempDirectory> _directories = [];
    private readonly List<SiloProcess> _silos = [];

    private PostgresSiloCluster(string connectionString)
    {
        ConnectionString = connectionString;
        Storage = new PostgreSqlSagaStorage(connectionString);
    }

    public string ConnectionString { get; }
    public PostgreSqlSagaStorage Storage { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<PostgresSiloCluster> StartAsync(string connectionString, int silos)
    {
        var cluster = new PostgresSiloCluster(connectionString);
        try
        {
            // The first creates the schema and the cluster; the others join it together.
            await cluster.StartSiloAsync();
            await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => cluster.StartSiloAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<SiloProcess> StartSiloAsync()
    {
        var directory = new TempDirectory();
        lock (_directories) _directories.Add(directory);
        var silo = await SiloProcess.StartAsync(directory.Path,
            "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--Sagas:Storage", "PostgreSql",
            "--ConnectionStrings:Sagas", ConnectionString);
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    /// <summary>An HTTP client failing over between the given silos' APIs.</summary>
    public static SagaHttpClient ClientOf(params SiloProcess[] silos)
    {
        var options = new SagaClientOptions { RetryDelay = TimeSpan.FromMilliseconds(100), MaxAttempts = 30 };
        foreach (var silo in silos) options.Gateways.Add(silo.BaseAddress);
        return new SagaHttpClient(new HttpClient(), options);
    }

    /// <summary>Every step invocation ("saga/step" key) of every silo, with the silo that ran it.</summary>
    public IReadOnlyList<(SiloProcess Silo, string Key)> StepRuns() =>
        [.. _silos.SelectMany(s => s.Steps.Entries().Select(e => (s, e.Key)))];

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) silo.Dispose();
        foreach (var directory in _directories) directory.Dispose();
        await Storage.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
