using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansSagas.Client;

namespace OrleansSagas.Schedules;

/// <summary>
/// Schedules on a silo's start and after a silo dies. At start, the schedules declared in code are created or updated
/// (a put of an unchanged definition changes nothing, so every silo may do it). When a silo dies (or one starts alone,
/// after the whole cluster was down), the survivors wake every schedule, each its share, so a schedule of the dead silo
/// decides its late occurrences now instead of at its next reminder tick.
/// </summary>
internal sealed partial class ScheduleStartup(
    IEnumerable<ScheduleDeclaration> declarations, IClusterMembershipService membership, ILocalSiloDetails silo, IGrainFactory grains,
    ILogger<ScheduleStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stop = new();
    private Task _work = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ScheduleStartup), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _work = Task.Run(async () =>
        {
            await DeclareAsync().ConfigureAwait(false);
            await WatchAsync().ConfigureAwait(false);
        });
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(_work, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
    }

    private async Task DeclareAsync()
    {
        foreach (var declaration in declarations)
        {
            var delay = TimeSpan.FromMilliseconds(200);
            for (var attempt = 1; !_stop.IsCancellationRequested; attempt++)
            {
                try
                {
                    var result = await grains.GetGrain<IScheduleGrain>(declaration.Name).PutAsync(declaration.Spec).ConfigureAwait(false);
                    LogDeclared(declaration.Name, result.Created ? "created" : "up to date");
                    break;
                }
                catch (SagaException e)
                {
                    // A declaration in code that is invalid stays invalid: say so once.
                    LogDeclarationRefused(declaration.Name, e.Message);
                    break;
                }
                catch (Exception e) when (attempt < 10 && e is not OperationCanceledException)
                {
                    // The cluster may still be forming.
                    await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
                    delay *= 2;
                }
            }
        }
    }

    private async Task WatchAsync()
    {
        ClusterMembershipSnapshot? previous = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stop.Token).ConfigureAwait(false))
            {
                var died = previous is not null && snapshot.Members.Values.Any(m =>
                    m.Status == SiloStatus.Dead && previous.Members.TryGetValue(m.SiloAddress, out var before) && before.Status != SiloStatus.Dead);
                var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)
                    .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal).ToList();
                var startedAlone = previous is null && active.Count <= 1;
                previous = snapshot;
                if ((died || startedAlone) && active.Contains(silo.SiloAddress))
                    await WakeShareAsync(active.IndexOf(silo.SiloAddress), active.Count).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogWatchFailed(e);
        }
    }

    private async Task WakeShareAsync(int index, int count)
    {
        string[]? names = null;
        for (var attempt = 1; names is null; attempt++)
        {
            try
            {
                names = await grains.GetGrain<IScheduleRegistryGrain>(0).ListAsync().WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The registry may have lived on the dead silo and be moving; after a few tries, the schedules' reminders wake them.
                if (attempt == 5)
                {
                    LogWakeFailed("the schedule list", e);
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false);
            }
        }
        foreach (var name in names.Where(n => XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(n)) % (uint)count == index))
        {
            try
            {
                await grains.GetGrain<IScheduleGrain>(name).WakeAsync().WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWakeFailed(name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} declared in code: {What}.")]
    private partial void LogDeclared(string schedule, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {Schedule} declared in code was refused: {Reason}")]
    private partial void LogDeclarationRefused(string schedule, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking {What} failed; reminders wake schedules later.")]
    private partial void LogWakeFailed(string what, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching cluster membership failed; schedules of dead silos wake on their reminders only.")]
    private partial void LogWatchFailed(Exception exception);
}
