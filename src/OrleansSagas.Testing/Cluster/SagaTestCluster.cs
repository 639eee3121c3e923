using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansSagas.Client;
using OrleansSagas.Cluster;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Testing;

/// <summary>
/// Several saga nodes in one process over one shared store, in the spirit of Orleans' TestCluster: start, stop, kill,
/// restart and pause nodes, inject step and storage faults, and call the cluster through a client that fails over.
/// Build one with <see cref="SagaTestClusterBuilder"/>.
/// </summary>
public sealed partial class SagaTestCluster : IAsyncDisposable
{
    private readonly SagaTestClusterSetup _setup;
    private readonly InProcessClusterTransport _transport = new();
    private readonly List<SagaTestNode> _nodes = [];
    private readonly Dictionary<int, int> _generations = [];
    private bool _storageDown;

    internal SagaTestCluster(SagaTestClusterSetup setup)
    {
        _setup = setup;
        Client = new SagaTestClusterClient(this);
    }

    /// <summary>The nodes taking part in the cluster now (running or paused), in the order they started.</summary>
    public IReadOnlyList<SagaTestNode> Nodes
    {
        get
        {
            lock (_nodes) return [.. _nodes.Where(n => n.Status is SagaTestNodeStatus.Running or SagaTestNodeStatus.Paused)];
        }
    }

    /// <summary>Every node ever started, stopped and killed ones included.</summary>
    public IReadOnlyList<SagaTestNode> AllNodes
    {
        get
        {
            lock (_nodes) return [.. _nodes];
        }
    }

    /// <summary>A client of the whole cluster: calls go to any running node and are retried elsewhere when it fails.</summary>
    public ISagaClient Client { get; }

    /// <summary>The shared store, read without faults (for assertions).</summary>
    public ISagaStorage Storage => _setup.Observer;

    /// <summary>Step-level fault injection on every node.</summary>
    public SagaFaults Faults { get; } = new();

    /// <summary>The clock of every node.</summary>
    public TimeProvider Time => _setup.Time;

    /// <summary>How many partitions saga ids hash to.</summary>
    public int PartitionCount => _setup.PartitionCount;

    /// <summary>The cluster settings every node runs with.</summary>
    public ClusterOptions ClusterOptions => _setup.ClusterOptions;

    /// <summary>How long <see cref="Client"/> keeps retrying a call on other nodes. Default 30 seconds.</summary>
    public TimeSpan ClientRetryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Starts the initial nodes and waits until partitions are balanced across them.</summary>
    public async Task DeployAsync()
    {
        await _setup.Observer.InitializeAsync().ConfigureAwait(false);
        for (var i = 0; i < _setup.InitialNodes; i++) await StartNodeAsync(i).ConfigureAwait(false);
        await WaitForStableAsync().ConfigureAwait(false);
    }

    /// <summary>Starts one more node; it takes its share of partitions over the next rounds (see <see cref="WaitForStableAsync"/>).</summary>
    public Task<SagaTestNode> StartAdditionalNodeAsync()
    {
        int index;
        lock (_nodes) index = _nodes.Count == 0 ? 0 : _nodes.Max(n => n.Index) + 1;
        return StartNodeAsync(index);
    }

    /// <summary>Stops a node gracefully: it drops its activations and hands its partitions over at once.</summary>
    public Task StopNodeAsync(SagaTestNode node) => (node ?? throw new ArgumentNullException(nameof(node))).StopAsync();

    /// <summary>
    /// Kills a node abruptly: no more heartbeats or renewals, no clean-up, its store connection cut, its in-flight work
    /// lost. Other nodes take its partitions once its leases lapse.
    /// </summary>
    public Task KillNodeAsync(SagaTestNode node) => (node ?? throw new ArgumentNullException(nameof(node))).KillAsync();

    /// <summary>Stops a node gracefully and starts a new incarnation in its slot (a new name, as a restarted process).</summary>
    public async Task<SagaTestNode> RestartNodeAsync(SagaTestNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        await node.StopAsync().ConfigureAwait(false);
        return await StartNodeAsync(node.Index).ConfigureAwait(false);
    }

    /// <summary>Makes the store unreachable from every node (calls fail) until <see cref="BringStorageUp"/>.</summary>
    public void TakeStorageDown()
    {
        lock (_nodes)
        {
            _storageDown = true;
            foreach (var node in _nodes) node.Storage.TakeDown();
        }
    }

    /// <summary>Ends <see cref="TakeStorageDown"/>.</summary>
    public void BringStorageUp()
    {
        lock (_nodes)
        {
            _storageDown = false;
            foreach (var node in _nodes) node.Storage.BringUp();
        }
    }

    /// <summary>Every decision recorded twice in any saga's log (see <see cref="SagaHistoryChecks"/>); empty when none.</summary>
    public Task<IReadOnlyList<string>> FindDuplicateDecisionsAsync() => SagaHistoryChecks.FindDuplicateDecisionsAsync(Storage);

    /// <summary>Stops every node (paused ones are thawed first) and releases the store.</summary>
    public async ValueTask DisposeAsync()
    {
        Faults.Clear();
        foreach (var node in AllNodes)
        {
            try
            {
                await node.StopAsync().ConfigureAwait(false);
            }
            catch (Exception) when (node.Status != SagaTestNodeStatus.Running)
            {
                // A node failing to leave cleanly must not hide the test's own outcome.
            }
        }
        if (_setup.OwnsInstances && _setup.Observer is IAsyncDisposable observer) await observer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<SagaTestNode> StartNodeAsync(int index)
    {
        int generation;
        lock (_nodes)
        {
            generation = _generations.GetValueOrDefault(index) + 1;
            _generations[index] = generation;
        }
        var name = generation == 1 ? $"node{index}" : $"node{index}-{generation}";
        var node = CreateNode(name, index);
        lock (_nodes)
        {
            _nodes.Add(node);
            if (_storageDown) node.Storage.TakeDown();
        }
        _transport.Register(node);
        await node.StartAsync().ConfigureAwait(false);
        return node;
    }

    private SagaTestNode CreateNode(string name, int index)
    {
        var inner = _setup.StoragePerNode();
        var storage = new FaultInjectingSagaStorage(inner);
        var services = new ServiceCollection();
        foreach (var configure in _setup.Services) configure(name, services);
        services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(_setup.Time);
        services.RemoveAll<ISagaStorage>();
        services.AddSingleton<ISagaStorage>(storage);
        services.RemoveAll<IClusterTransport>();
        services.AddSingleton<IClusterTransport>(_transport);
        services.AddOrleansSagas(sagas =>
        {
            sagas.Configure(o => o.TimerScanInterval = TimeSpan.FromSeconds(1));
            foreach (var configure in _setup.Runtime) sagas.Configure(configure);
            sagas.Configure(o =>
            {
                o.NodeName = name;
                o.Address = $"inproc://{name}";
            });
            sagas.UseCluster(o =>
            {
                SagaTestClusterBuilder.ApplyTestDefaults(o);
                foreach (var configure in _setup.Cluster) configure(o);
            });
            foreach (var configure in _setup.Sagas) configure(sagas);
        });
        var provider = services.BuildServiceProvider();
        var node = new SagaTestNode(name, index, provider, storage)
        {
            OnDisposed = async () =>
            {
                if (_setup.OwnsInstances && inner is IAsyncDisposable disposable) await disposable.DisposeAsync().ConfigureAwait(false);
            },
        };
        node.Runtime.BeforeStep = context => Faults.BeforeStepAsync(name, context);
        return node;
    }
}
