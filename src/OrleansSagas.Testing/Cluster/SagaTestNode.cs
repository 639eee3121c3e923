using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansSagas.Client;
using OrleansSagas.Cluster;
using OrleansSagas.Runtime;

namespace OrleansSagas.Testing;

/// <summary>One in-process node of a <see cref="SagaTestCluster"/>: its services, runtime, local client and storage faults.</summary>
public sealed class SagaTestNode
{
    private readonly ServiceProvider _services;
    private readonly IReadOnlyList<IHostedService> _hosted;

    internal SagaTestNode(string name, int index, ServiceProvider services, FaultInjectingSagaStorage storage)
    {
        Name = name;
        Index = index;
        _services = services;
        Storage = storage;
        Runtime = services.GetRequiredService<SagaRuntime>();
        Client = services.GetRequiredService<ISagaClient>();
        Ownership = services.GetRequiredService<ClusterOwnership>();
        Inbox = services.GetRequiredService<ClusterInbox>();
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    /// <summary>The node name (unique per incarnation: a restarted node gets a new one).</summary>
    public string Name { get; }

    /// <summary>The node's slot in the cluster; a restarted node keeps its slot.</summary>
    public int Index { get; }

    /// <summary>Its lifecycle status.</summary>
    public SagaTestNodeStatus Status { get; private set; } = SagaTestNodeStatus.Stopped;

    /// <summary>The node's services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The node's runtime.</summary>
    public SagaRuntime Runtime { get; }

    /// <summary>A client calling this node only (calls for sagas owned elsewhere are forwarded by the node).</summary>
    public ISagaClient Client { get; }

    /// <summary>This node's view of the shared store, with its fault switches and the writes the store refused it.</summary>
    public FaultInjectingSagaStorage Storage { get; }

    /// <summary>The partitions this node owns now.</summary>
    public IReadOnlyCollection<int> OwnedPartitions => Status is SagaTestNodeStatus.Running or SagaTestNodeStatus.Paused ? Ownership.OwnedPartitions : [];

    internal ClusterOwnership Ownership { get; }

    internal ClusterInbox Inbox { get; }

    internal Func<ValueTask>? OnDisposed { get; init; }

    /// <summary>
    /// Freezes the node as a long pause would (a stop-the-world GC, SIGSTOP, a VM migration): no heartbeats, no lease
    /// renewals, no self-fencing, and every store call it makes is held. Its leases lapse and other nodes take over;
    /// on <see cref="ResumeAsync"/> its held writes reach the store late and are rejected by epoch fencing.
    /// </summary>
    public void Pause()
    {
        if (Status != SagaTestNodeStatus.Running) throw new InvalidOperationException($"Node {Name} is {Status}; only a running node can be paused.");
        Ownership.Suspend();
        Storage.Freeze();
        Status = SagaTestNodeStatus.Paused;
    }

    /// <summary>
    /// Thaws a paused node: first its held store calls proceed (late writes are refused), then it notices its lapsed
    /// leases, drops their activations and rejoins the cluster.
    /// </summary>
    public async Task ResumeAsync()
    {
        if (Status != SagaTestNodeStatus.Paused) throw new InvalidOperationException($"Node {Name} is {Status}; only a paused node can resume.");
        await Storage.ThawAsync().ConfigureAwait(false);
        Status = SagaTestNodeStatus.Running;
        await Ownership.ResumeAsync().ConfigureAwait(false);
    }

    internal async Task StartAsync()
    {
        foreach (var hosted in _hosted) await hosted.StartAsync(CancellationToken.None).ConfigureAwait(false);
        Status = SagaTestNodeStatus.Running;
    }

    internal async Task StopAsync()
    {
        if (Status == SagaTestNodeStatus.Paused) await ResumeAsync().ConfigureAwait(false);
        if (Status != SagaTestNodeStatus.Running) return;
        Status = SagaTestNodeStatus.Stopped;
        foreach (var hosted in _hosted.Reverse()) await hosted.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    internal async Task KillAsync()
    {
        if (Status is SagaTestNodeStatus.Stopped or SagaTestNodeStatus.Killed) return;
        Status = SagaTestNodeStatus.Killed;
        // Order matters: cut the store first so nothing still running can write, then stop everything without clean-up.
        Storage.Kill();
        Ownership.Abandon();
        await Runtime.DisposeAsync().ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    private async Task DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        if (OnDisposed is { } disposed) await disposed().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Status}, {OwnedPartitions.Count} partitions)";
}
