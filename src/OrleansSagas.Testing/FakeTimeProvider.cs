namespace OrleansSagas.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test says so, for deterministic tests of timeouts,
/// retries and durable timers without sleeping.
/// </summary>
/// <remarks>
/// Timers created through <see cref="CreateTimer"/> (and therefore <c>Task.Delay(…, provider)</c> and
/// <c>new CancellationTokenSource(…, provider)</c>) fire synchronously inside <see cref="Advance"/> and
/// <see cref="SetUtcNow"/>, in due-time order, each seeing the clock at its own due time. A timer whose due time
/// is zero fires as soon as it is created or changed. Thread-safe.
/// </remarks>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object gate = new();
    private readonly List<FakeTimer> timers = [];
    private DateTimeOffset utcNow;
    private long nextSequence;

    /// <summary>Creates a clock starting at <paramref name="start"/>, or 2000-01-01T00:00:00Z when null.</summary>
    public FakeTimeProvider(DateTimeOffset? start = null)
    {
        utcNow = (start ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToUniversalTime();
    }

    /// <summary>The local time zone reported to callers; UTC by default so tests do not depend on the machine.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Ticks per second of <see cref="GetTimestamp"/>.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are scheduled (created, not disposed, with a finite due time).</summary>
    public int ScheduledTimerCount
    {
        get
        {
            lock (gate)
            {
                return timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>The current fake time.</summary>
    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return utcNow;
        }
    }

    /// <summary>A timestamp derived from the fake time (ticks), so elapsed-time measurements follow the fake clock.</summary>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that comes due on the way.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate)
        {
            target = utcNow + delta;
        }

        MoveTo(target);
    }

    /// <summary>Sets the clock to <paramref name="value"/>, firing every timer that comes due on the way.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is earlier than the current time: time never goes back.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (gate)
        {
            if (value < utcNow)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Time cannot go back (now {utcNow:O}).");
            }
        }

        MoveTo(value);
    }

    /// <summary>Creates a timer driven by the fake clock.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (gate)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void MoveTo(DateTimeOffset target)
    {
        while (true)
        {
            FakeTimer? next;
            lock (gate)
            {
                next = timers
                    .Where(t => t.DueAt is { } due && due <= target)
                    .OrderBy(t => t.DueAt)
                    .ThenBy(t => t.Sequence)
                    .FirstOrDefault();
                if (next is null)
                {
                    if (target > utcNow)
                    {
                        utcNow = target;
                    }

                    return;
                }

                if (next.DueAt > utcNow)
                {
                    utcNow = next.DueAt.Value;
                }

                next.DueAt = next.Period is { } period ? utcNow + period : null;
                next.Sequence = nextSequence++;
            }

            next.Fire();
        }
    }

    private bool Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            if (!timers.Contains(timer))
            {
                return false;
            }

            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : utcNow + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            timer.Sequence = nextSequence++;
        }

        // A timer due now fires at once, as a real timer with due time zero would.
        if (dueTime == TimeSpan.Zero)
        {
            MoveTo(GetUtcNow());
        }

        return true;
    }

    private void Remove(FakeTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        /// <summary>Reschedules the timer; false once disposed.</summary>
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime));
            }

            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(period));
            }

            return owner.Schedule(this, dueTime, period);
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
