using OrleansSagas.Storage;

namespace OrleansSagas.Cluster;

internal sealed partial class ClusterOwnership
{
    /// <summary>
    /// One round: renew leases, heartbeat, read the tables, declare silent nodes dead, rebalance. Rounds never
    /// overlap (a round still running when the next is due makes that one a no-op) and never throw.
    /// </summary>
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        if (_suspended || _stopped || !_ticking.Wait(0)) return;
        try
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
            await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            await BalanceAsync(cancellationToken).ConfigureAwait(false);
            _healthySince ??= _time.GetUtcNow();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _healthySince = null;
            _log.TickFailed(NodeName, e);
        }
        finally
        {
            _ticking.Release();
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var held = Volatile.Read(ref _held);
        if (held.IsEmpty) return;
        var sentAt = _time.GetUtcNow();
        var epochs = held.ToDictionary(h => h.Key, h => h.Value.Epoch);
        var renewed = (await _storage.Leases.RenewAsync(NodeName, epochs, sentAt + _options.LeaseDuration, cancellationToken).ConfigureAwait(false)).ToHashSet();
        // Validity counts from when the request was sent: the store may have applied it at any point after.
        var validUntil = sentAt + _options.LeaseDuration - _options.LeaseSafetyMargin;
        var refused = new List<int>();
        lock (_gate)
        {
            foreach (var (p, lease) in held)
            {
                if (!_held.TryGetValue(p, out var current) || current.Epoch != lease.Epoch) continue;
                if (renewed.Contains(p))
                {
                    if (validUntil > current.ValidUntil) Volatile.Write(ref _held, _held.SetItem(p, current with { ValidUntil = validUntil }));
                }
                else
                {
                    Lose(p);
                    refused.Add(p);
                }
            }
            ScheduleFence();
        }
        if (refused.Count > 0) _log.Lost(NodeName, Describe(refused), "another node took them over");
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        // Half a round of slack, so a round that fires a little early still heartbeats.
        if (now - _lastHeartbeat < _options.HeartbeatInterval - _options.RenewInterval / 2) return;
        if (!await _storage.Membership.HeartbeatAsync(NodeName, now, cancellationToken).ConfigureAwait(false))
        {
            _log.Rejoined(NodeName);
            await _storage.Membership.UpsertAsync(Me(MemberStatus.Active, now), cancellationToken).ConfigureAwait(false);
        }
        _lastHeartbeat = now;
    }

    private async Task BalanceAsync(CancellationToken cancellationToken)
    {
        var members = (await _storage.Membership.ListAsync(cancellationToken).ConfigureAwait(false)).ToList();
        var leases = await _storage.Leases.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();

        // Right after an outage every heartbeat looks stale, this node's included: judge nobody until it has been
        // connected for a whole DeadAfter, and meanwhile count every active node as live.
        var judging = _healthySince is { } since && now - since >= _options.DeadAfter;
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            if (!judging || m.Node == NodeName || m.Status == MemberStatus.Dead || m.LastHeartbeat + _options.DeadAfter >= now) continue;
            await _storage.Membership.SetStatusAsync(m.Node, MemberStatus.Dead, cancellationToken).ConfigureAwait(false);
            _log.DeclaredDead(NodeName, m.Node, m.LastHeartbeat);
            members[i] = m with { Status = MemberStatus.Dead };
        }
        Volatile.Write(ref _snapshot, new ClusterSnapshot(members, leases, now));
        if (_stopped || _suspended) return;

        var dead = members.Where(m => m.Status == MemberStatus.Dead && m.Node != NodeName).Select(m => m.Node).ToHashSet(StringComparer.Ordinal);
        // A node that let a lease lapse has not renewed for a whole lease: do not wait for its heartbeat to be judged
        // before taking over (it would keep its quota, and survivors theirs, leaving its partitions unowned).
        var lapsed = leases.Where(l => l.Owner is not null && l.ExpiresAt <= now).Select(l => l.Owner!).ToHashSet(StringComparer.Ordinal);
        var live = members.Where(m => m.Status == MemberStatus.Active && m.Node != NodeName && !lapsed.Contains(m.Node)).Select(m => m.Node).Append(NodeName);
        var plan = PartitionBalancer.Plan(NodeName, _node.PartitionCount, live, leases, Volatile.Read(ref _held).Keys.ToList(), dead, now);
        await ReleaseAsync(plan.Release, cancellationToken).ConfigureAwait(false);
        await AcquireAsync(plan.Acquire, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(IReadOnlyList<int> partitions, CancellationToken cancellationToken)
    {
        if (partitions.Count == 0) return;
        foreach (var p in partitions)
        {
            long epoch;
            lock (_gate)
            {
                if (!_held.TryGetValue(p, out var held)) continue;
                epoch = held.Epoch;
                // Drop first: nothing may be written with this epoch once the next owner can take it.
                Lose(p);
                ScheduleFence();
            }
            await _storage.Leases.ReleaseAsync(p, NodeName, epoch, cancellationToken).ConfigureAwait(false);
        }
        _log.Released(NodeName, Describe(partitions));
    }

    private async Task AcquireAsync(IReadOnlyList<(int Partition, long ExpectedEpoch)> candidates, CancellationToken cancellationToken)
    {
        var acquired = new List<int>();
        foreach (var (p, expected) in candidates)
        {
            if (_stopped || _suspended) break;
            var sentAt = _time.GetUtcNow();
            var lease = await _storage.Leases.TryAcquireAsync(p, NodeName, expected, sentAt + _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is null) continue;
            lock (_gate)
            {
                Gain(p, new HeldLease(lease.Epoch, sentAt + _options.LeaseDuration - _options.LeaseSafetyMargin));
                ScheduleFence();
            }
            acquired.Add(p);
        }
        if (acquired.Count > 0) _log.Acquired(NodeName, Describe(acquired));
    }
}
