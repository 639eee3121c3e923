using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansSagas.Grains;
using OrleansSagas.Hosting;
using OrleansSagas.Storage;

namespace OrleansSagas.Recovery;

/// <summary>
/// The fast path after a silo dies: reminders alone would wake its sagas only at their next tick (a minute or more),
/// so the surviving silos wake every running saga of the catalog at once, each silo its share of the ids. The same
/// happens when a silo starts alone (a restart after a crash). Waking an active saga costs one call and changes nothing.
/// </summary>
internal sealed partial class SagaRecovery(
    IClusterMembershipService membership, ILocalSiloDetails silo, IGrainFactory grains, ISagaStorage storage,
    IOptions<SagaRuntimeOptions> options, ILogger<SagaRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int PageSize = 500;
    private const int Parallelism = 32;
    private readonly CancellationTokenSource _stop = new();
    private Task _watch = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SagaRecovery), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        if (options.Value.WakeOnSiloFailure) _watch = Task.Run(WatchAsync);
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(_watch, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
    }

    private async Task WatchAsync()
    {
        ClusterMembershipSnapshot? previous = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stop.Token).ConfigureAwait(false))
            {
                var died = previous is null ? [] : snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && previous.Members.TryGetValue(m.SiloAddress, out var before) && before.Status != SiloStatus.Dead)
                    .Select(m => m.SiloAddress).ToList();
                var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).OrderBy(a => a.ToParsableString(), StringComparer.Ordinal).ToList();
                var startedAlone = previous is null && active.Count <= 1;
                previous = snapshot;
                if ((died.Count > 0 || startedAlone) && active.Contains(silo.SiloAddress))
                {
                    LogWaking(startedAlone ? "this silo started alone" : $"{string.Join(", ", died)} died", active.Count);
                    await WakeShareAsync(active.IndexOf(silo.SiloAddress), active.Count).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFailed(e);
        }
    }

    private async Task WakeShareAsync(int index, int count)
    {
        string? after = null;
        var woken = 0;
        while (!_stop.IsCancellationRequested)
        {
            var ids = await storage.Catalog.ListRunningAsync(after, PageSize, _stop.Token).ConfigureAwait(false);
            if (ids.Count == 0) break;
            after = ids[^1];
            var mine = ids.Where(id => ShareOf(id, count) == index).ToList();
            await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = _stop.Token }, async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<ISagaControlGrain>(id).WakeAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Its reminder still wakes it later.
                    LogWakeFailed(id, e);
                }
            }).ConfigureAwait(false);
            woken += mine.Count;
        }
        LogWoken(woken);
    }

    private static int ShareOf(string id, int count) => (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(id)) % (uint)count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waking running sagas ({Reason}); {Active} active silos share them.")]
    private partial void LogWaking(string reason, int active);

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} running sagas.")]
    private partial void LogWoken(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking saga {SagaId} failed; its reminder wakes it later.")]
    private partial void LogWakeFailed(string sagaId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching cluster membership failed; running sagas of dead silos wake on their reminders only.")]
    private partial void LogFailed(Exception exception);
}
