using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.Cluster;
using OrleansSagas.Definitions;
using OrleansSagas.Hosting;
using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;

namespace OrleansSagas.Testing;

/// <summary>
/// Configures a <see cref="SagaTestCluster"/>: the sagas and services of every node, how many nodes, the shared store
/// (in-memory by default, or PostgreSQL), the clock, and runtime and cluster settings. Cluster settings default to
/// short leases (<see cref="ApplyTestDefaults"/>) so failover tests take about a second, not the production three.
/// </summary>
/// <example><code>
/// await using var cluster = await new SagaTestClusterBuilder()
///     .AddSaga(graph)
///     .ConfigureServices(services => services.AddSingleton(log))
///     .WithNodes(3)
///     .StartAsync();
/// </code></example>
public sealed class SagaTestClusterBuilder
{
    private readonly List<Action<string, IServiceCollection>> _services = [];
    private readonly List<Action<OrleansSagasBuilder>> _sagas = [];
    private readonly List<Action<SagaRuntimeOptions>> _runtime = [];
    private readonly List<Action<ClusterOptions>> _cluster = [];
    private int _nodes = 2;
    private TimeProvider _time = TimeProvider.System;
    private Func<ISagaStorage>? _storagePerNode;

    /// <summary>Registers a saga definition on every node.</summary>
    public SagaTestClusterBuilder AddSaga(SagaGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return ConfigureSagas(b => b.AddSaga(graph));
    }

    /// <summary>Configures the saga registrations of every node (definitions, sources, provider extensions).</summary>
    public SagaTestClusterBuilder ConfigureSagas(Action<OrleansSagasBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _sagas.Add(configure);
        return this;
    }

    /// <summary>Adds services (step handlers and what they need) to every node.</summary>
    public SagaTestClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _services.Add((_, services) => configure(services));
        return this;
    }

    /// <summary>Adds services to every node, knowing the node's name.</summary>
    public SagaTestClusterBuilder ConfigureServices(Action<string, IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _services.Add(configure);
        return this;
    }

    /// <summary>Configures runtime settings of every node (node name and address are set by the cluster).</summary>
    public SagaTestClusterBuilder ConfigureRuntime(Action<SagaRuntimeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _runtime.Add(configure);
        return this;
    }

    /// <summary>Configures cluster settings of every node, on top of <see cref="ApplyTestDefaults"/>.</summary>
    public SagaTestClusterBuilder ConfigureCluster(Action<ClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _cluster.Add(configure);
        return this;
    }

    /// <summary>How many nodes the cluster starts with. Default 2.</summary>
    public SagaTestClusterBuilder WithNodes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _nodes = count;
        return this;
    }

    /// <summary>How many partitions saga ids hash to. Default 64.</summary>
    public SagaTestClusterBuilder WithPartitions(int count) => ConfigureRuntime(o => o.PartitionCount = count);

    /// <summary>The clock of every node; a <see cref="FakeTimeProvider"/> makes the cluster's waits advance it (time skipping).</summary>
    public SagaTestClusterBuilder UseTimeProvider(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        return this;
    }

    /// <summary>Shares one in-memory store between the nodes (the default).</summary>
    public SagaTestClusterBuilder UseInMemoryStorage()
    {
        _storagePerNode = null;
        return this;
    }

    /// <summary>
    /// Gives every node its own connection pool to the PostgreSQL database of <paramref name="connectionString"/>
    /// (e.g. one made by <see cref="Postgres.PostgresTestServer.CreateDatabaseAsync"/>).
    /// </summary>
    public SagaTestClusterBuilder UsePostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return UseStorage(() => new PostgreSqlSagaStorage(connectionString));
    }

    /// <summary>
    /// Creates each node's provider with <paramref name="perNode"/> (called once per node, and once for the cluster's own
    /// reads); every instance must reach the same database. Instances are disposed with their node.
    /// </summary>
    public SagaTestClusterBuilder UseStorage(Func<ISagaStorage> perNode)
    {
        _storagePerNode = perNode ?? throw new ArgumentNullException(nameof(perNode));
        return this;
    }

    /// <summary>
    /// The settings a test cluster starts from: leases of 1.5 s renewed every 300 ms, heartbeats every 300 ms, dead
    /// after 1.5 s, so a killed node's sagas move in about 1.5 s.
    /// </summary>
    public static void ApplyTestDefaults(ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LeaseDuration = TimeSpan.FromMilliseconds(1500);
        options.RenewInterval = TimeSpan.FromMilliseconds(300);
        options.LeaseSafetyMargin = TimeSpan.FromMilliseconds(300);
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(300);
        options.DeadAfter = TimeSpan.FromMilliseconds(1500);
        options.ForwardTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>Builds the cluster without starting it (see <see cref="SagaTestCluster.DeployAsync"/>).</summary>
    public SagaTestCluster Build()
    {
        var runtime = new SagaRuntimeOptions();
        foreach (var configure in _runtime) configure(runtime);
        runtime.Validate();
        var cluster = new ClusterOptions();
        ApplyTestDefaults(cluster);
        foreach (var configure in _cluster) configure(cluster);
        cluster.Validate();

        Func<ISagaStorage> perNode;
        ISagaStorage observer;
        if (_storagePerNode is null)
        {
            var shared = new InMemorySagaStorage();
            perNode = () => shared;
            observer = shared;
        }
        else
        {
            perNode = _storagePerNode;
            observer = _storagePerNode();
        }
        var setup = new SagaTestClusterSetup(_nodes, runtime.PartitionCount, _time, perNode, observer, OwnsInstances: _storagePerNode is not null,
            [.. _services], [.. _sagas], [.. _runtime], [.. _cluster], cluster);
        return new SagaTestCluster(setup);
    }

    /// <summary>Builds the cluster, starts its nodes and waits until partitions are balanced.</summary>
    public async Task<SagaTestCluster> StartAsync()
    {
        var cluster = Build();
        try
        {
            await cluster.DeployAsync().ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>Everything the builder decided, handed to the cluster.</summary>
internal sealed record SagaTestClusterSetup(
    int InitialNodes,
    int PartitionCount,
    TimeProvider Time,
    Func<ISagaStorage> StoragePerNode,
    ISagaStorage Observer,
    bool OwnsInstances,
    IReadOnlyList<Action<string, IServiceCollection>> Services,
    IReadOnlyList<Action<OrleansSagasBuilder>> Sagas,
    IReadOnlyList<Action<SagaRuntimeOptions>> Runtime,
    IReadOnlyList<Action<ClusterOptions>> Cluster,
    ClusterOptions ClusterOptions);
