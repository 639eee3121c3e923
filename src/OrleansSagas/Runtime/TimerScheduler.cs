using OrleansSagas.Engine.Messages;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

/// <summary>
/// Fires durable timers. Only timers due within a short horizon are held in memory: those armed by this node's
/// commits, and those found by a periodic scan of the store's due-time index (which also finds timers that
/// came due while no node ran, or that belong to partitions just taken over). A timer leaves the store only
/// when the saga's decision on it commits, so a crash in between fires it again; the engine ignores stale ones.
/// </summary>
internal sealed class TimerScheduler : IDisposable
{
    private readonly SagaRuntime _runtime;
    private readonly object _gate = new();
    private readonly SortedSet<(DateTimeOffset Due, string SagaId, string TimerId)> _near = [];
    private readonly Dictionary<(string SagaId, string TimerId), (DateTimeOffset Due, int Partition)> _index = [];
    // Timers delivered but not yet disarmed by the saga's commit: a scan in between must not fire them again.
    // Entries expire (real time) so a delivery lost to a failed turn is retried by a later scan.
    private readonly Dictionary<(string SagaId, string TimerId), long> _delivered = [];
    private static readonly long DeliveryGraceMs = 10_000;
    private readonly ITimer _wake;
    private ITimer? _scan;
    private DateTimeOffset _horizon = DateTimeOffset.MinValue;
    private int _scanning;

    public TimerScheduler(SagaRuntime runtime)
    {
        _runtime = runtime;
        _wake = runtime.Time.CreateTimer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start()
    {
        lock (_gate) _horizon = _runtime.Time.GetUtcNow() + 2 * _runtime.Options.TimerScanInterval;
        _scan = _runtime.Time.CreateTimer(_ => RequestScan(), null, TimeSpan.Zero, _runtime.Options.TimerScanInterval);
    }

    public void RequestScan() => _ = ScanAsync();

    public void Track(IEnumerable<TimerEntry> timers)
    {
        lock (_gate)
        {
            var nowMs = Environment.TickCount64;
            foreach (var t in timers)
            {
                if (t.DueAt > _horizon) continue;
                if (_delivered.TryGetValue((t.SagaId, t.TimerId), out var at) && nowMs - at < DeliveryGraceMs) continue;
                Remove(t.SagaId, t.TimerId);
                _near.Add((t.DueAt, t.SagaId, t.TimerId));
                _index[(t.SagaId, t.TimerId)] = (t.DueAt, t.Partition);
            }
        }
        Pump();
    }

    public void Untrack(string sagaId, IEnumerable<string> timerIds)
    {
        lock (_gate)
        {
            foreach (var id in timerIds)
            {
                Remove(sagaId, id);
                _delivered.Remove((sagaId, id));
            }
        }
    }

    public void ForgetPartition(int partition)
    {
        lock (_gate)
        {
            foreach (var key in _index.Where(p => p.Value.Partition == partition).Select(p => p.Key).ToList())
                Remove(key.SagaId, key.TimerId);
            _delivered.Clear();
        }
    }

    private void Remove(string sagaId, string timerId)
    {
        if (_index.Remove((sagaId, timerId), out var entry)) _near.Remove((entry.Due, sagaId, timerId));
    }

    private async Task ScanAsync()
    {
        if (Interlocked.Exchange(ref _scanning, 1) == 1) return;
        try
        {
            var horizon = _runtime.Time.GetUtcNow() + 2 * _runtime.Options.TimerScanInterval;
            var partitions = _runtime.Ownership.OwnedPartitions;
            if (partitions.Count == 0) return;
            var due = await _runtime.Storage.Timers.GetDueAsync(horizon, partitions, 10_000).ConfigureAwait(false);
            lock (_gate) _horizon = horizon;
            Track(due.Where(t => _runtime.Ownership.EpochOf(t.Partition) is not null));
        }
        catch (Exception e)
        {
            _runtime.Log.TimerScanFailed(e);
        }
        finally
        {
            Volatile.Write(ref _scanning, 0);
        }
    }

    private void Pump()
    {
        var fired = new List<(string SagaId, string TimerId)>();
        lock (_gate)
        {
            var now = _runtime.Time.GetUtcNow();
            while (_near.Count > 0 && _near.Min.Due <= now)
            {
                var (_, sagaId, timerId) = _near.Min;
                Remove(sagaId, timerId);
                _delivered[(sagaId, timerId)] = Environment.TickCount64;
                fired.Add((sagaId, timerId));
            }
            // The loop above removed every due timer, so the earliest remaining one is in the future.
            _wake.Change(_near.Count > 0 ? _near.Min.Due - now : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        foreach (var (sagaId, timerId) in fired)
            _runtime.Background(() => _runtime.DeliverAsync(sagaId, new TimerFired(timerId)));
    }

    public void Dispose()
    {
        _wake.Dispose();
        _scan?.Dispose();
    }
}
