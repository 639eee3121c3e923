using OrleansSagas.Schedules;

namespace OrleansSagas.Tests.Schedules;

public sealed class ScheduleTimingTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) => new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static ScheduleTiming Daily0230Berlin(DateTimeOffset? endAt = null) =>
        ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Cron = "30 2 * * *", TimeZone = "Europe/Berlin", EndAt = endAt });

    [Fact]
    public void A_daily_0230_Berlin_schedule_runs_once_on_every_day_of_a_year_including_both_daylight_saving_changes()
    {
        var timing = Daily0230Berlin();
        var year = timing.Next(Utc(2025, 12, 31, 23, 0), 400).TakeWhile(o => o < Utc(2026, 12, 31, 23, 0)).ToList();

        Assert.Equal(365, year.Count);
        Assert.Equal(365, year.Select(o => TimeZoneInfo.ConvertTime(o, Berlin).Date).Distinct().Count());
        // 29 March: 02:30 does not exist (02:00 → 03:00); it runs once, right after the change.
        Assert.Equal([Utc(2026, 3, 28, 1, 30), Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 30, 0, 30)], year.Where(o => o.Month == 3 && o.Day is >= 28 and <= 30));
        // 25 October: 02:30 happens twice (03:00 → 02:00); it runs once, at the first.
        Assert.Equal([Utc(2026, 10, 24, 0, 30), Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30)], year.Where(o => o.Month == 10 && o.Day is >= 24 and <= 26));
    }

    [Fact]
    public void An_hourly_schedule_runs_every_real_hour_across_both_daylight_saving_changes()
    {
        var hourly = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Cron = "0 * * * *", TimeZone = "Europe/Berlin" });
        // 29 March has 23 hours in Berlin, 25 October 25: one run per hour that passes, none doubled or lost.
        var march = hourly.Next(Utc(2026, 3, 28, 22, 59), 30).TakeWhile(o => o < Utc(2026, 3, 29, 22, 0)).ToList();
        var october = hourly.Next(Utc(2026, 10, 24, 21, 59), 30).TakeWhile(o => o < Utc(2026, 10, 25, 23, 0)).ToList();
        Assert.Equal(23, march.Count);
        Assert.Equal(25, october.Count);
        Assert.All(march.Zip(march.Skip(1)), p => Assert.Equal(TimeSpan.FromHours(1), p.Second - p.First));
        Assert.All(october.Zip(october.Skip(1)), p => Assert.Equal(TimeSpan.FromHours(1), p.Second - p.First));
    }

    [Fact]
    public void A_six_field_cron_has_seconds_first()
    {
        var timing = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Cron = "*/15 * * * * *" });
        Assert.Equal([Utc(2026, 1, 1, 0, 0, 15), Utc(2026, 1, 1, 0, 0, 30), Utc(2026, 1, 1, 0, 0, 45)], timing.Next(Utc(2026, 1, 1, 0, 0, 5), 3));
    }

    [Fact]
    public void An_interval_counts_from_its_start_time_or_else_from_the_epoch()
    {
        var fromStart = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromSeconds(5), StartAt = Utc(2026, 1, 1, 0, 0, 2) });
        Assert.Equal([Utc(2026, 1, 1, 0, 0, 2), Utc(2026, 1, 1, 0, 0, 7)], fromStart.Next(Utc(2025, 6, 1, 0, 0), 2));
        Assert.Equal([Utc(2026, 1, 1, 0, 0, 12), Utc(2026, 1, 1, 0, 0, 17)], fromStart.Next(Utc(2026, 1, 1, 0, 0, 7), 2));

        var aligned = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromMinutes(15) });
        Assert.Equal(Utc(2026, 1, 1, 10, 15), aligned.NextAfter(new DateTimeOffset(2026, 1, 1, 10, 3, 17, 250, TimeSpan.Zero)));
    }

    [Fact]
    public void A_cron_start_time_is_inclusive_and_an_end_time_exclusive()
    {
        var timing = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Cron = "0 * * * *", StartAt = Utc(2026, 1, 1, 5, 0), EndAt = Utc(2026, 1, 1, 8, 0) });
        Assert.Equal([Utc(2026, 1, 1, 5, 0), Utc(2026, 1, 1, 6, 0), Utc(2026, 1, 1, 7, 0)], timing.Next(Utc(2026, 1, 1, 0, 0), 10));
        Assert.Null(timing.NextAfter(Utc(2026, 1, 1, 7, 0)));
    }

    [Fact]
    public void Saga_ids_name_the_schedule_and_the_occurrence_in_UTC()
    {
        Assert.Equal("nightly@2026-03-29T01:00:00Z", ScheduleIds.SagaId("nightly", new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal("t@2026-01-01T00:00:00.25Z", ScheduleIds.SagaId("t", new DateTimeOffset(2026, 1, 1, 0, 0, 0, 250, TimeSpan.Zero)));
    }
}
