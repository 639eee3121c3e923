using Microsoft.Extensions.Logging;

namespace OrleansSagas.Schedules;

/// <summary>
/// Waking up: a grain timer at the next occurrence (or, while a run waits for its predecessor, a short poll) while the
/// grain is active; one reminder per schedule as the durable backstop, moved to the next occurrence on deactivation.
/// </summary>
internal sealed partial class ScheduleGrain
{
    private const string ReminderName = "schedule";

    /// <summary>How often a waiting (buffered) run looks whether the previous run has ended.</summary>
    private static readonly TimeSpan BufferPoll = TimeSpan.FromSeconds(1);

    /// <summary>The pause before deciding again after a firing failed (e.g. a saga could not be reached during a failover).</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private IGrainTimer? _timer;
    private bool _hasReminder;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        // Without its timer the next occurrence would fire only at a reminder tick: move the reminder to it.
        if (_spec is null || !_hasReminder || NextWakeAt() is not { } at) return;
        var due = at - _clock.GetUtcNow();
        if (due >= _options.ReminderPeriod) return;
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.Zero, _options.ReminderPeriod).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReminderMoveFailed(Name, e.Message);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_spec is null)
        {
            // The reminder of a schedule that was deleted, or whose creation did not complete.
            _hasReminder = true;
            await RemoveReminderAsync().ConfigureAwait(true);
            DeactivateOnIdle();
            return;
        }
        _hasReminder = true;
        await FireAsync().ConfigureAwait(true);
    }

    private DateTimeOffset? NextWakeAt()
    {
        if (_spec is null || _timing is null || State.Paused) return null;
        DateTimeOffset? at = null;
        if (RunsLeft > 0 && ScheduleDecider.Next(_timing, Name, _spec.Jitter, State.Cursor) is { } next) at = next.FireAt;
        if (State.Buffered is not null)
        {
            var poll = _clock.GetUtcNow() + BufferPoll;
            if (at is null || poll < at) at = poll;
        }
        return at;
    }

    private void ScheduleTimer(TimeSpan? after = null)
    {
        _timer?.Dispose();
        _timer = null;
        var now = _clock.GetUtcNow();
        if ((after is { } delay ? now + delay : NextWakeAt()) is not { } at) return;
        var due = at - now;
        // Kept alive: the periodic reminder would reactivate it within a period anyway, and a live timer fires on time.
        _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FireAsync().ConfigureAwait(true);
        }
        catch (Exception e)
        {
            LogFireFailed(Name, e.Message);
            if (_spec is not null) ScheduleTimer(RetryDelay);
        }
    }

    private async Task EnsureReminderAsync()
    {
        if (_hasReminder) return;
        if (await this.GetReminder(ReminderName).ConfigureAwait(true) is null)
            await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod).ConfigureAwait(true);
        _hasReminder = true;
    }

    private async Task RemoveReminderAsync()
    {
        if (!_hasReminder) return;
        await Grains.ReminderRemoval.RemoveAsync(this, ReminderName).ConfigureAwait(true);
        _hasReminder = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule}: deciding due occurrences failed ({Reason}); retrying in a second.")]
    private partial void LogFireFailed(string schedule, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schedule {Schedule}: moving its reminder to the next occurrence failed ({Reason}); the periodic tick wakes it.")]
    private partial void LogReminderMoveFailed(string schedule, string reason);
}
