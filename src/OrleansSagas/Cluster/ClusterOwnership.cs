using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Cluster;

/// <summary>
/// Partition ownership of one node in a cluster sharing a store. The node registers in the membership table and
/// heartbeats; on every round it renews its leases, declares silent nodes dead and rebalances (takes free
/// partitions while under its quota, hands back partitions while over it). A partition whose renewal is refused is
/// lost at once; one that could not be renewed in time is lost <see cref="ClusterOptions.LeaseSafetyMargin"/>
/// before its lease lapses, so the node stops writing before anyone else may start.
/// </summary>
/// <remarks>
/// Ownership changes and their events are serialized under one lock, so the runtime sees acquire and lose in the
/// order they happened. <see cref="EpochOf"/> reads an immutable snapshot and never blocks.
/// </remarks>
internal sealed partial class ClusterOwnership : IPartitionOwnership
{
    private readonly ISagaStorage _storage;
    private readonly SagaRuntimeOptions _node;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ClusterLog _log;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _ticking = new(1, 1);
    private ImmutableSortedDictionary<int, HeldLease> _held = ImmutableSortedDictionary<int, HeldLease>.Empty;
    private IReadOnlyCollection<int> _owned = [];
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private ITimer? _loop;
    private ITimer? _fence;
    private DateTimeOffset _startedAt;
    private DateTimeOffset _lastHeartbeat = DateTimeOffset.MinValue;
    private DateTimeOffset? _healthySince;
    private volatile bool _suspended;
    private volatile bool _stopped;

    public ClusterOwnership(ISagaStorage storage, IOptions<SagaRuntimeOptions> node, IOptions<ClusterOptions> options, TimeProvider time,
        IServiceProvider services, ILogger<ClusterOwnership> logger)
    {
        options.Value.Validate();
        _storage = storage;
        _node = node.Value;
        _options = options.Value;
        _time = time;
        _services = services;
        _log = new ClusterLog(logger);
    }

    public string NodeName => _node.NodeName;

    public IReadOnlyCollection<int> OwnedPartitions => Volatile.Read(ref _owned);

    /// <summary>The membership table and leases as read on the last round (or a forced refresh).</summary>
    public ClusterSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>True while the node takes part in the cluster (started, not stopped or abandoned).</summary>
    public bool IsActive => _loop is not null && !_stopped;

    public event Action<int>? PartitionAcquired;

    public event Action<int>? PartitionLost;

    public long? EpochOf(int partition) => Volatile.Read(ref _held).TryGetValue(partition, out var held) ? held.Epoch : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Calls for sagas owned elsewhere must be routable before the first partition is resumed.
        _services.GetService<ClusterRouter>()?.Attach();
        var now = _time.GetUtcNow();
        _startedAt = now;
        await _storage.Membership.UpsertAsync(Me(MemberStatus.Active, now), cancellationToken).ConfigureAwait(false);
        _lastHeartbeat = now;
        // A node that just connected judges heartbeats at once; one recovering from an outage waits (see TickAsync).
        _healthySince = now - _options.DeadAfter;
        _log.Joined(NodeName, _node.Address);
        _fence = _time.CreateTimer(_ => OnFence(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await TickAsync(cancellationToken).ConfigureAwait(false);
        var period = _options.RenewInterval < _options.HeartbeatInterval ? _options.RenewInterval : _options.HeartbeatInterval;
        _loop = _time.CreateTimer(_ => _ = TickAsync(CancellationToken.None), null, period, period);
    }

    /// <summary>Leaves gracefully: marks the node leaving, drops and releases every partition, then marks it dead.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        _loop?.Dispose();
        // Wait for a round in progress; the gate is never released again, so no round starts after this.
        await _ticking.WaitAsync(cancellationToken).ConfigureAwait(false);
        ImmutableSortedDictionary<int, HeldLease> held;
        lock (_gate)
        {
            held = _held;
            foreach (var p in held.Keys) Lose(p);
            _fence?.Dispose();
        }
        try
        {
            await _storage.Membership.SetStatusAsync(NodeName, MemberStatus.Leaving, cancellationToken).ConfigureAwait(false);
            foreach (var (p, lease) in held)
                await _storage.Leases.ReleaseAsync(p, NodeName, lease.Epoch, cancellationToken).ConfigureAwait(false);
            await _storage.Membership.SetStatusAsync(NodeName, MemberStatus.Dead, cancellationToken).ConfigureAwait(false);
            _log.Left(NodeName, held.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LeaveFailed(NodeName, e);
        }
    }

    /// <summary>Stops every activity at once without telling anyone, as a crashed process would (leases lapse).</summary>
    internal void Abandon()
    {
        _stopped = true;
        _loop?.Dispose();
        _fence?.Dispose();
        // A dead process remembers nothing; nobody is told (no events), the leases simply lapse.
        lock (_gate)
        {
            Volatile.Write(ref _held, ImmutableSortedDictionary<int, HeldLease>.Empty);
            Volatile.Write(ref _owned, []);
        }
    }

    /// <summary>Freezes heartbeats, renewals and self-fencing, as a paused process (long GC, SIGSTOP) would be.</summary>
    internal void Suspend() => _suspended = true;

    /// <summary>Thaws a suspended node: it notices lapsed leases first, then runs a round at once.</summary>
    internal Task ResumeAsync()
    {
        _suspended = false;
        OnFence();
        return TickAsync(CancellationToken.None);
    }

    /// <summary>The current owner of <paramref name="partition"/>, from the last round or, when asked, read afresh.</summary>
    public async Task<MemberRecord?> FindOwnerAsync(int partition, bool refresh, CancellationToken cancellationToken)
    {
        var snapshot = Snapshot;
        if (refresh || snapshot.ReadAt == DateTimeOffset.MinValue)
        {
            var members = await _storage.Membership.ListAsync(cancellationToken).ConfigureAwait(false);
            var leases = await _storage.Leases.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            snapshot = new ClusterSnapshot(members, leases, _time.GetUtcNow());
            Volatile.Write(ref _snapshot, snapshot);
        }
        return snapshot.OwnerOf(partition, _time.GetUtcNow());
    }

    private MemberRecord Me(MemberStatus status, DateTimeOffset now) => new(NodeName, _node.Address, _startedAt, status, now);

    private void OnFence()
    {
        if (_suspended || _stopped) return;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var lapsed = _held.Where(h => h.Value.ValidUntil <= now).Select(h => h.Key).ToList();
            foreach (var p in lapsed) Lose(p);
            if (lapsed.Count > 0) _log.Lost(NodeName, Describe(lapsed), "leases could not be renewed in time");
            ScheduleFence();
        }
    }

    /// <summary>Arms the self-fencing timer for the earliest lease validity. Call under the gate.</summary>
    private void ScheduleFence()
    {
        if (_fence is null || _stopped) return;
        if (_held.IsEmpty)
        {
            _fence.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var due = _held.Values.Min(h => h.ValidUntil) - _time.GetUtcNow();
        // Never zero: a zero due time may fire synchronously, inside this lock.
        _fence.Change(due < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Records a partition as owned and tells the runtime. Call under the gate.</summary>
    private void Gain(int partition, HeldLease lease)
    {
        Volatile.Write(ref _held, _held.SetItem(partition, lease));
        Volatile.Write(ref _owned, [.. _held.Keys]);
        Raise(PartitionAcquired, partition);
    }

    /// <summary>Forgets a partition (no more writes with its epoch) and tells the runtime. Call under the gate.</summary>
    private void Lose(int partition)
    {
        if (!_held.ContainsKey(partition)) return;
        Volatile.Write(ref _held, _held.Remove(partition));
        Volatile.Write(ref _owned, [.. _held.Keys]);
        Raise(PartitionLost, partition);
    }

    private void Raise(Action<int>? handlers, int partition)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<int>>())
        {
            try
            {
                handler(partition);
            }
            catch (Exception e)
            {
                _log.HandlerFailed(partition, e);
            }
        }
    }

    private static string Describe(IEnumerable<int> partitions) => string.Join(",", partitions.Order());

    /// <summary>A lease this node holds: its epoch, and until when the node may write with it.</summary>
    private sealed record HeldLease(long Epoch, DateTimeOffset ValidUntil);
}
