using Microsoft.Extensions.Logging;
using OrleansSagas.Engine.Messages;

namespace OrleansSagas.Grains;

/// <summary>
/// Durable time. While the grain is active, one grain timer fires the earliest armed timer at its due time. One
/// reminder per running saga is the durable backstop: it wakes the saga after its silo died or it was deactivated,
/// and late timers then fire at once.
/// </summary>
internal sealed partial class SagaGrain
{
    private const string ReminderName = "saga";
    private IGrainTimer? _timer;
    private IGrainTimer? _keepAlive;
    private bool _hasReminder;
    private IGrainReminder? _reminder;
    private Task? _reminderRegistration;

    private void ScheduleTimer()
    {
        _timer?.Dispose();
        _timer = null;
        if (_definition is null || _store.State.Timers.Count == 0) return;
        var due = _store.State.Timers.Values.Min() - _clock.GetUtcNow();
        _timer = this.RegisterGrainTimer(FireDueTimersAsync, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task FireDueTimersAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var due = _store.State.Timers.Where(t => t.Value <= now).OrderBy(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key).ToList();
        foreach (var timerId in due)
        {
            // An earlier firing in this loop may have disarmed it.
            if (_definition is null || _state is null || !_store.State.Timers.ContainsKey(timerId)) continue;
            await CommitAsync(_definition, _state, new TimerFired(timerId), create: false).ConfigureAwait(true);
        }
        ScheduleTimer();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_definition is null || _state is null)
        {
            // A reminder of a saga that was never stored (or whose state was dropped): nothing to keep alive.
            if (!_dropped) await RemoveReminderAsync().ConfigureAwait(true);
            DeactivateOnIdle();
            return;
        }
        _hasReminder = true;
        if (IsTerminal)
        {
            await RemoveReminderOnceCatalogedAsync().ConfigureAwait(true);
            return;
        }
        await FireDueTimersAsync(CancellationToken.None).ConfigureAwait(true);
    }

    /// <summary>Makes sure a running saga has its reminder; <paramref name="isNew"/> skips the lookup for a saga just created.</summary>
    private async Task EnsureReminderAsync(bool isNew = false)
    {
        if (_hasReminder) return;
        var existing = isNew ? null : await this.GetReminder(ReminderName).ConfigureAwait(true);
        _reminder = existing ?? await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod).ConfigureAwait(true);
        _hasReminder = true;
        LogReminderArmed(Id);
    }

    /// <summary>
    /// Registers the reminder of a saga being created while its first decision is written: both are durable before the
    /// start is acknowledged, and the start waits for the slower of the two instead of their sum. A reminder left by a
    /// start whose write failed finds no saga on its first tick and removes itself.
    /// </summary>
    private Task StartReminderRegistration()
    {
        var registration = EnsureReminderAsync(isNew: true);
        _reminderRegistration = registration;
        return registration;
    }

    private async Task RemoveReminderAsync()
    {
        if (_reminderRegistration is { } registration)
        {
            _reminderRegistration = null;
            try
            {
                await registration.ConfigureAwait(true);
            }
            catch (Exception)
            {
                // Its start failed and said so: the reminder is looked up below.
            }
        }
        // The handle from the registration saves a lookup; should its ETag be stale, look the reminder up.
        if (_reminder is { } known)
        {
            _reminder = null;
            try
            {
                await this.UnregisterReminder(known).ConfigureAwait(true);
                _hasReminder = false;
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReminderLookup(Id);
            }
        }
        await ReminderRemoval.RemoveAsync(this, ReminderName, (attempt, reason) => LogReminderRetry(Id, attempt, reason)).ConfigureAwait(true);
        _hasReminder = false;
    }

    /// <summary>A terminal saga keeps its reminder until the catalog holds its outcome, so a crash in between only repeats this.</summary>
    private async Task RemoveReminderOnceCatalogedAsync()
    {
        await _lastCatalogWrite.ConfigureAwait(true);
        if (IsTerminal) await RemoveReminderAsync().ConfigureAwait(true);
    }

    /// <summary>Points the reminder's next tick at the earliest armed timer, so a deactivated saga wakes exactly when its wait ends.</summary>
    private async Task WakeReminderAtNextTimerAsync()
    {
        var due = _store.State.Timers.Values.Min() - _clock.GetUtcNow();
        if (due >= _options.ReminderPeriod) return;
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.Zero, _options.ReminderPeriod).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The periodic tick still wakes it, at most one period late.
            LogReminderMoveFailed(Id, e.Message);
        }
    }

    /// <summary>Keeps the activation alive while attempts run off the turn (idle collection would abandon them).</summary>
    private void KeepAliveWhileStepsRun()
    {
        if (_keepAlive is not null) return;
        var period = TimeSpan.FromMinutes(1);
        _keepAlive = this.RegisterGrainTimer(static _ => Task.CompletedTask,
            new GrainTimerCreationOptions(period, period) { KeepAlive = true, Interleave = true });
    }

    private void StopKeepAlive()
    {
        _keepAlive?.Dispose();
        _keepAlive = null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saga {SagaId}: removing its reminder failed (attempt {Attempt}: {Reason}); retrying.")]
    private partial void LogReminderRetry(string sagaId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saga {SagaId}: removing the reminder by its handle failed; looking it up.")]
    private partial void LogReminderLookup(string sagaId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saga {SagaId}: moving its reminder to the next timer failed ({Reason}); the periodic tick wakes it.")]
    private partial void LogReminderMoveFailed(string sagaId, string reason);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Saga {SagaId}: reminder armed.")]
    private partial void LogReminderArmed(string sagaId);
}
