using OrleansSagas.Schedules;

namespace OrleansSagas.Tests.Schedules;

public sealed class ScheduleDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly ScheduleTiming Daily = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Cron = "30 2 * * *", TimeZone = "Europe/Berlin" });

    private static List<CatchUpDecision> AfterThreeDaysDown(ScheduleCatchUpPolicy policy, TimeSpan? window = null)
    {
        var now = T0 + TimeSpan.FromDays(3);
        var due = ScheduleDecider.Due(Daily, "nightly", null, T0, now);
        return ScheduleDecider.CatchUp(due, policy, window ?? TimeSpan.FromDays(7), now);
    }

    [Fact]
    public void After_three_days_down_all_runs_the_three_missed_occurrences_last_runs_one_none_runs_none()
    {
        Assert.Equal(3, AfterThreeDaysDown(ScheduleCatchUpPolicy.All).Count);
        Assert.Equal(3, AfterThreeDaysDown(ScheduleCatchUpPolicy.All).Count(d => d.Run));
        var last = AfterThreeDaysDown(ScheduleCatchUpPolicy.Last);
        Assert.Equal([false, false, true], last.Select(d => d.Run));
        Assert.All(AfterThreeDaysDown(ScheduleCatchUpPolicy.None), d => Assert.False(d.Run));
        Assert.All(AfterThreeDaysDown(ScheduleCatchUpPolicy.None), d => Assert.Contains("missed", d.Note, StringComparison.Ordinal));
    }

    [Fact]
    public void The_catch_up_window_leaves_older_occurrences_missed()
    {
        var decisions = AfterThreeDaysDown(ScheduleCatchUpPolicy.All, TimeSpan.FromHours(48));
        Assert.Equal([false, true, true], decisions.Select(d => d.Run));
        Assert.Contains("catch-up window", decisions[0].Note, StringComparison.Ordinal);
        Assert.Equal([false, false, false], AfterThreeDaysDown(ScheduleCatchUpPolicy.Last, TimeSpan.FromHours(12)).Select(d => d.Run));
    }

    [Fact]
    public void An_occurrence_fired_on_time_runs_whatever_the_catch_up_policy()
    {
        var every = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromSeconds(1) });
        var now = T0 + TimeSpan.FromMilliseconds(1_030);
        var due = ScheduleDecider.Due(every, "s", null, T0, now);
        Assert.Equal([T0 + TimeSpan.FromSeconds(1)], due.Select(d => d.Occurrence));
        Assert.True(Assert.Single(ScheduleDecider.CatchUp(due, ScheduleCatchUpPolicy.None, TimeSpan.FromDays(1), now)).Run);
    }

    [Fact]
    public void Nothing_is_due_before_its_fire_time_and_the_next_fire_time_includes_the_jitter()
    {
        var every = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromMinutes(1) });
        var jitter = TimeSpan.FromSeconds(30);
        var next = ScheduleDecider.Next(every, "j", jitter, T0)!.Value;
        Assert.Equal(T0 + TimeSpan.FromMinutes(1), next.Occurrence);
        Assert.Equal(next.Occurrence + ScheduleDecider.JitterOf("j", next.Occurrence, jitter), next.FireAt);
        Assert.Empty(ScheduleDecider.Due(every, "j", jitter, T0, next.FireAt - TimeSpan.FromTicks(1)));
        Assert.Single(ScheduleDecider.Due(every, "j", jitter, T0, next.FireAt));
    }

    [Fact]
    public void Jitter_stays_within_its_bound_is_fixed_per_occurrence_and_spreads_occurrences()
    {
        var max = TimeSpan.FromSeconds(10);
        var delays = Enumerable.Range(0, 1000).Select(i => ScheduleDecider.JitterOf("report", T0.AddMinutes(i), max)).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, max - TimeSpan.FromTicks(1)));
        Assert.Equal(delays[7], ScheduleDecider.JitterOf("report", T0.AddMinutes(7), max));
        Assert.True(delays.Distinct().Count() > 900);
        Assert.InRange(delays.Average(d => d.TotalSeconds), 4, 6);
        Assert.Equal(TimeSpan.Zero, ScheduleDecider.JitterOf("report", T0, null));
    }

    [Theory]
    [InlineData(ScheduleOverlapPolicy.Skip, false, false, OverlapAction.Start)]
    [InlineData(ScheduleOverlapPolicy.Skip, true, false, OverlapAction.Skip)]
    [InlineData(ScheduleOverlapPolicy.BufferOne, true, false, OverlapAction.Buffer)]
    [InlineData(ScheduleOverlapPolicy.BufferOne, true, true, OverlapAction.Skip)]
    [InlineData(ScheduleOverlapPolicy.BufferOne, false, false, OverlapAction.Start)]
    [InlineData(ScheduleOverlapPolicy.Allow, true, false, OverlapAction.Start)]
    [InlineData(ScheduleOverlapPolicy.CancelPrevious, true, false, OverlapAction.CancelPreviousAndStart)]
    [InlineData(ScheduleOverlapPolicy.CancelPrevious, false, false, OverlapAction.Start)]
    internal void Overlap_decides_from_whether_the_previous_run_still_runs(ScheduleOverlapPolicy policy, bool running, bool bufferTaken, OverlapAction expected) =>
        Assert.Equal(expected, ScheduleDecider.Overlap(policy, running, bufferTaken));

    [Fact]
    public void An_end_time_stops_the_due_occurrences()
    {
        var timing = ScheduleTiming.Of(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromSeconds(1), EndAt = T0 + TimeSpan.FromSeconds(3) });
        Assert.Equal(2, ScheduleDecider.Due(timing, "e", null, T0, T0 + TimeSpan.FromMinutes(5)).Count);
        Assert.Null(ScheduleDecider.Next(timing, "e", null, T0 + TimeSpan.FromSeconds(2)));
    }
}
