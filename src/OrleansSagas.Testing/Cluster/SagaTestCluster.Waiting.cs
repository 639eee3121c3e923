namespace OrleansSagas.Testing;

public sealed partial class SagaTestCluster
{
    /// <summary>
    /// Waits until every partition is leased by a running node that knows it owns it, and partitions are balanced
    /// (counts differ by at most one). Throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public Task WaitForStableAsync(TimeSpan? timeout = null) =>
        WaitUntilAsync(IsStableAsync, "every partition is owned by a running node and partitions are balanced", timeout);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds, for at most <paramref name="timeout"/> of real time (default
    /// 30 s). A condition that throws counts as not holding yet (the store may be restarting). On a
    /// <see cref="FakeTimeProvider"/> every poll also advances the clock by one renewal interval, so leases, heartbeats
    /// and timers make progress.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message says what was awaited.</exception>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false)) return;
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                last = e;
            }
            if (TimeProvider.System.GetElapsedTime(started) > limit)
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting until {what}. Nodes: {string.Join("; ", AllNodes)}.", last);
            if (Time is FakeTimeProvider fake) fake.Advance(ClusterOptions.RenewInterval);
            await Task.Delay(TimeSpan.FromMilliseconds(15)).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsStableAsync()
    {
        var running = Nodes.Where(n => n.Status == SagaTestNodeStatus.Running).ToList();
        if (running.Count == 0) return false;
        var leases = (await Storage.Leases.ReadAllAsync().ConfigureAwait(false)).ToDictionary(l => l.Partition);
        var now = Time.GetUtcNow();
        var byName = running.ToDictionary(n => n.Name, StringComparer.Ordinal);
        for (var p = 0; p < PartitionCount; p++)
        {
            if (!leases.TryGetValue(p, out var lease) || lease.Owner is null || lease.ExpiresAt <= now) return false;
            if (!byName.TryGetValue(lease.Owner, out var owner) || owner.Ownership.EpochOf(p) != lease.Epoch) return false;
        }
        var counts = running.Select(n => n.OwnedPartitions.Count).ToList();
        return counts.Sum() == PartitionCount && counts.Max() - counts.Min() <= 1;
    }
}
