using Cronos;

namespace OrleansSagas.Schedules;

/// <summary>
/// The occurrence times of a valid <see cref="ScheduleSpec"/>. Cron expressions are evaluated by Cronos in the
/// schedule's time zone: a time skipped by daylight saving fires once right after the change, a repeated time fires
/// once. Intervals count from <see cref="ScheduleSpec.StartAt"/>, or from the Unix epoch without one (so every second
/// falls on whole seconds and every day on midnight UTC).
/// </summary>
internal sealed class ScheduleTiming
{
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone;
    private readonly TimeSpan _every;
    private readonly DateTimeOffset _origin;
    private readonly DateTimeOffset? _startAt;
    private readonly DateTimeOffset? _endAt;

    private ScheduleTiming(CronExpression? cron, TimeZoneInfo zone, TimeSpan every, DateTimeOffset? startAt, DateTimeOffset? endAt)
    {
        _cron = cron;
        _zone = zone;
        _every = every;
        _startAt = startAt is { } s ? Truncate(s) : null;
        _origin = _startAt ?? DateTimeOffset.UnixEpoch;
        _endAt = endAt;
    }

    /// <summary>The timing of <paramref name="spec"/>, which <see cref="ScheduleValidator"/> accepted.</summary>
    public static ScheduleTiming Of(ScheduleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var zone = FindZone(spec.TimeZone) ?? TimeZoneInfo.Utc;
        var cron = spec.Cron is { } text ? ParseCron(text) : null;
        return new ScheduleTiming(cron, zone, spec.Every ?? TimeSpan.Zero, spec.StartAt, spec.EndAt);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when the schedule has no more.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        DateTimeOffset? next;
        if (_cron is not null)
        {
            next = _startAt is { } start && after < start
                ? _cron.GetNextOccurrence(start, _zone, inclusive: true)
                : _cron.GetNextOccurrence(after, _zone, inclusive: false);
            next = next?.ToUniversalTime();
        }
        else if (after < _origin)
        {
            next = _origin;
        }
        else
        {
            var periods = (after - _origin).Ticks / _every.Ticks + 1;
            next = _origin + TimeSpan.FromTicks(periods * _every.Ticks);
        }
        return next is { } n && _endAt is { } end && n >= end ? null : next;
    }

    /// <summary>Up to <paramref name="count"/> occurrences strictly after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count)
    {
        var result = new List<DateTimeOffset>(count);
        var at = after;
        while (result.Count < count && NextAfter(at) is { } next)
        {
            result.Add(next);
            at = next;
        }
        return result;
    }

    /// <summary>Parses a cron expression of 5 fields, or 6 with seconds first.</summary>
    /// <exception cref="CronFormatException">Not a valid expression.</exception>
    public static CronExpression ParseCron(string text)
    {
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(text.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    /// <summary>The IANA (or Windows) time zone <paramref name="id"/>; UTC for null; null when unknown.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (id is null) return TimeZoneInfo.Utc;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }

    /// <summary>Occurrences are kept to whole milliseconds, the precision of saga ids.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
