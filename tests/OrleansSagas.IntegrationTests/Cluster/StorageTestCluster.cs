using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansSagas.AdoNet;
using OrleansSagas.AdoNet.Common;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.AdoNet.Sqlite;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Hosting;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Storage;
using OrleansSagas.Testing.Hosting;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>
/// An Orleans TestCluster (in-process silos, TestCluster membership) whose silos keep saga state, reminders and the
/// catalog in one real database (SQLite file or PostgreSQL), with the cluster test sagas registered. The test reads the
/// catalog and history straight from the database.
/// </summary>
internal sealed class StorageTestCluster : IAsyncDisposable
{
    private readonly TempDirectory? _directory;

    private StorageTestCluster(TestCluster cluster, AdoNetSagaStorage storage, StepInvocations invocations, TempDirectory? directory)
    {
        Cluster = cluster;
        Client = cluster.SagaClient();
        Storage = storage;
        Invocations = invocations;
        _directory = directory;
    }

    public TestCluster Cluster { get; }
    public ISagaClient Client { get; }
    public AdoNetSagaStorage Storage { get; }
    public StepInvocations Invocations { get; }

    public static async Task<StorageTestCluster> StartPostgreSqlAsync(string prefix, short silos, FakeTimeProvider? time = null)
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync(prefix);
        return await StartAsync(silos, silo => silo.UseSagasPostgreSql(connectionString, clustering: false), new PostgreSqlSagaStorage(connectionString), time, null);
    }

    public static Task<StorageTestCluster> StartSqliteAsync(short silos, FakeTimeProvider? time = null)
    {
        var directory = new TempDirectory();
        var path = directory.File("sagas.db");
        return StartAsync(silos, silo => silo.UseSagasSqlite(path), new SqliteSagaStorage(path), time, directory);
    }

    private static async Task<StorageTestCluster> StartAsync(short silos, Action<ISiloBuilder> storage, AdoNetSagaStorage reader, FakeTimeProvider? time, TempDirectory? directory)
    {
        var invocations = new StepInvocations();
        var builder = new TestClusterBuilder(silos).AddSagas(silo =>
        {
            storage(silo);
            if (time is not null) silo.UseSagaFakeTime(time);
            // A killed silo is declared dead within seconds (as the silo host configures it), so its sagas resume soon.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 3;
            });
            silo.AddOrleansSagas(sagas => sagas.AddClusterSagas(invocations));
        });
        builder.Options.ConfigureFileLogging = false;
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return new StorageTestCluster(cluster, reader, invocations, directory);
        }
        catch
        {
            await cluster.DisposeAsync();
            await reader.DisposeAsync();
            directory?.Dispose();
            throw;
        }
    }

    /// <summary>The grain storage the sagas of <paramref name="silo"/> write to (<see cref="SagaStorageNames.Default"/>).</summary>
    public static IGrainStorage GrainStorageOf(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(SagaStorageNames.Default);

    /// <summary>How many sagas of <paramref name="definition"/> the catalog holds with <paramref name="status"/>.</summary>
    public Task<int> CountAsync(SagaStatus status, string definition) => CatalogRows.CountAsync(Storage.Catalog, status, definition);

    /// <summary>
    /// Waits until every saga of <paramref name="ids"/> (all of one definition, doing the same) has recorded an event of
    /// type <paramref name="eventType"/>: the engine is deterministic, so that event has the same sequence in every saga.
    /// </summary>
    public async Task UntilAllRecordedAsync(IReadOnlyList<string> ids, string eventType, TimeSpan deadline)
    {
        long sequence = 0;
        await Eventually.True(async () =>
        {
            sequence = (await Storage.Catalog.ReadEventsAsync(ids[0])).FirstOrDefault(e => e.Type == eventType)?.Sequence ?? 0;
            return sequence > 0;
        }, $"{ids[0]} records {eventType}", deadline);
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        await Eventually.True(async () => (await CatalogRows.ReadAllAsync(Storage.Catalog)).Count(r => wanted.Contains(r.Id) && r.Version >= sequence) == wanted.Count,
            $"all {wanted.Count} sagas record {eventType}", deadline, every: TimeSpan.FromMilliseconds(250));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
            await Storage.DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            _directory?.Dispose();
        }
    }
}
