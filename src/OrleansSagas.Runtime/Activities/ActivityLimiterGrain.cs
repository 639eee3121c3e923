using OrleansSagas.Grains;
using OrleansSagas.Hosting;

namespace OrleansSagas.Activities;

/// <summary>
/// Counts an activity's handed-out tasks across the cluster. Permits are durable before they are granted, so a silo
/// crash never lets more than the limit out; waiting polls are served first come, first served.
/// </summary>
[Orleans.Concurrency.Reentrant]
internal sealed class ActivityLimiterGrain(
    [PersistentState("activity-limiter", SagaStorageNames.Default)] IPersistentState<ActivityLimiterState> store,
    SagaClock clock, Microsoft.Extensions.Options.IOptions<SagaRuntimeOptions> options) : Grain, IActivityLimiterGrain
{
    /// <summary>How long a poll's permit outlives its wait when the poller never comes back.</summary>
    private static readonly TimeSpan PollGrace = TimeSpan.FromSeconds(60) + Tasks.GrainTaskClient.PollSlice;
    private readonly LinkedList<(Guid PollId, TaskCompletionSource<bool> Waiter)> _waiting = new();
    private readonly GroupWriter _writer = new(() => store.WriteStateAsync());

    private Dictionary<Guid, ActivityPermit> Permits => store.State.Permits;

    /// <summary>Every silo has the same settings (documented); an activity without a limit never reaches this grain.</summary>
    private int Limit => options.Value.ConcurrencyLimitOf(this.GetPrimaryKeyString()) ?? int.MaxValue;

    public async Task<bool> AcquireAsync(Guid pollId, TimeSpan wait)
    {
        var now = clock.GetUtcNow();
        if (Purge(now)) GrantWaiting(now);
        if (Permits.Count < Limit && _waiting.Count == 0)
        {
            Permits[pollId] = new ActivityPermit(null, now + wait + PollGrace);
            await _writer.WriteAsync().ConfigureAwait(true);
            return true;
        }
        if (wait <= TimeSpan.Zero) return false;
        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = _waiting.AddLast((pollId, waiter));
        try
        {
            var granted = await waiter.Task.WaitAsync(wait).ConfigureAwait(true);
            if (granted) await _writer.WriteAsync().ConfigureAwait(true);
            return granted;
        }
        catch (TimeoutException)
        {
            if (waiter.TrySetResult(false)) return false;
            // Granted in the same instant as the timeout: keep the permit, it is recorded.
            await _writer.WriteAsync().ConfigureAwait(true);
            return true;
        }
        finally
        {
            if (node.List is not null) _waiting.Remove(node);
        }
    }

    public async Task BindAsync(Guid pollId, string taskKey, DateTimeOffset? expiresAt)
    {
        Permits[pollId] = new ActivityPermit(taskKey, expiresAt);
        await _writer.WriteAsync().ConfigureAwait(true);
    }

    public async Task ReleasePollAsync(Guid pollId)
    {
        if (Permits.Remove(pollId)) await GrantAndWriteAsync().ConfigureAwait(true);
    }

    public async Task ReleaseTaskAsync(string taskKey)
    {
        var held = Permits.Where(p => p.Value.TaskKey == taskKey).Select(p => p.Key).ToList();
        foreach (var pollId in held) Permits.Remove(pollId);
        if (held.Count > 0) await GrantAndWriteAsync().ConfigureAwait(true);
    }

    public Task<int> InUseAsync()
    {
        Purge(clock.GetUtcNow());
        return Task.FromResult(Permits.Count);
    }

    private async Task GrantAndWriteAsync()
    {
        var now = clock.GetUtcNow();
        Purge(now);
        GrantWaiting(now);
        await _writer.WriteAsync().ConfigureAwait(true);
    }

    /// <summary>Hands free permits to waiting polls, oldest first; each waiter writes before it reports the grant.</summary>
    private void GrantWaiting(DateTimeOffset now)
    {
        while (Permits.Count < Limit && _waiting.First is { } first)
        {
            _waiting.RemoveFirst();
            var (pollId, waiter) = first.Value;
            Permits[pollId] = new ActivityPermit(null, now + PollGrace);
            if (!waiter.TrySetResult(true)) Permits.Remove(pollId);
        }
    }

    private bool Purge(DateTimeOffset now)
    {
        var expired = Permits.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList();
        foreach (var pollId in expired) Permits.Remove(pollId);
        return expired.Count > 0;
    }
}
