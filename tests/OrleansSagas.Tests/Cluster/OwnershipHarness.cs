using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansSagas.Cluster;
using OrleansSagas.Hosting;
using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;
using OrleansSagas.Testing;

namespace OrleansSagas.Tests.Cluster;

/// <summary>Cluster ownership of several nodes over one in-memory store on fake time: each second of fake time is one round.</summary>
internal sealed class OwnershipHarness
{
    public const int Partitions = 12;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public InMemorySagaStorage Store { get; } = new();
    public ClusterOptions Options { get; } = new();

    public async Task<OwnershipNode> StartAsync(string name)
    {
        var node = new OwnershipNode(name, new FaultInjectingSagaStorage(Store), Options, Time);
        await node.Ownership.StartAsync(CancellationToken.None);
        return node;
    }

    /// <summary>Advances fake time by whole seconds; every node runs one round per second (synchronously on the in-memory store).</summary>
    public void Seconds(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    public async Task<Dictionary<int, PartitionLease>> LeasesAsync() => (await Store.Leases.ReadAllAsync()).ToDictionary(l => l.Partition);

    public async Task<MemberRecord> MemberAsync(string name) => (await Store.Membership.ListAsync()).Single(m => m.Node == name);
}

internal sealed class OwnershipNode
{
    private readonly List<(string Kind, int Partition)> _events = [];

    public OwnershipNode(string name, FaultInjectingSagaStorage storage, ClusterOptions options, TimeProvider time)
    {
        Name = name;
        Storage = storage;
        var runtime = new SagaRuntimeOptions { NodeName = name, Address = $"http://{name}", PartitionCount = OwnershipHarness.Partitions };
        Ownership = new ClusterOwnership(storage, Microsoft.Extensions.Options.Options.Create(runtime), Microsoft.Extensions.Options.Options.Create(options), time,
            new ServiceCollection().BuildServiceProvider(), NullLogger<ClusterOwnership>.Instance);
        Ownership.PartitionAcquired += p => Record("acquired", p);
        Ownership.PartitionLost += p => Record("lost", p);
    }

    public string Name { get; }
    public FaultInjectingSagaStorage Storage { get; }
    public ClusterOwnership Ownership { get; }
    public IReadOnlyCollection<int> Owned => Ownership.OwnedPartitions;

    public IReadOnlyList<(string Kind, int Partition)> Events
    {
        get
        {
            lock (_events) return [.. _events];
        }
    }

    public IEnumerable<int> Lost => Events.Where(e => e.Kind == "lost").Select(e => e.Partition);

    private void Record(string kind, int partition)
    {
        lock (_events) _events.Add((kind, partition));
    }
}
