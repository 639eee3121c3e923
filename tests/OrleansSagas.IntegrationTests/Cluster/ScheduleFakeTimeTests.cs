using Microsoft.Extensions.Time.Testing;
using OrleansSagas.AdoNet;
using OrleansSagas.Engine;
using OrleansSagas.Schedules;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>Schedules on a TestCluster driven by fake time: a year of days, three days of downtime, and runs that overlap.</summary>
public sealed class ScheduleFakeTimeTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static ScheduleSpec Daily0230Berlin(ScheduleCatchUpPolicy catchUp = ScheduleCatchUpPolicy.Last) => new()
    {
        Definition = ScheduleCluster.Quick,
        Cron = "30 2 * * *",
        TimeZone = "Europe/Berlin",
        CatchUp = catchUp,
        CatchUpWindow = TimeSpan.FromDays(7),
        Overlap = ScheduleOverlapPolicy.Allow,
    };

    [Fact]
    public async Task A_daily_0230_Berlin_schedule_runs_exactly_once_on_each_day_of_a_year_across_both_daylight_saving_changes()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var cluster = await ScheduleCluster.StartAsync(start);
        var put = await cluster.Client.PutScheduleAsync("nightly", Daily0230Berlin());
        Assert.True(put.Created);
        Assert.Equal(5, put.Schedule.NextOccurrences.Count);

        var end = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var day = 1; ; day++)
        {
            var next = (await cluster.Client.DescribeScheduleAsync("nightly")).NextOccurrences[0];
            if (next >= end) break;
            // The schedule's timer is armed (its previous decision is recorded): move the clock to the occurrence.
            cluster.Time.SetUtcNow(next);
            await cluster.UntilDecidedAsync("nightly", next);
        }

        var sagas = await cluster.SagasOfAsync("nightly");
        var occurrences = sagas.Select(s => DateTimeOffset.Parse(s.Input.GetProperty("scheduledAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(365, sagas.Count);
        Assert.Equal(365, occurrences.Select(o => TimeZoneInfo.ConvertTime(o, Berlin).Date).Distinct().Count());
        Assert.All(sagas, s => Assert.Equal(SagaStatus.Succeeded, s.Status));
        Assert.Contains("nightly@2026-03-29T01:00:00Z", sagas.Select(s => s.Id));   // 02:30 skipped by DST: once, at 03:00 CEST
        Assert.Contains("nightly@2026-10-25T00:30:00Z", sagas.Select(s => s.Id));   // 02:30 twice: once, at the first (CEST)
        Assert.DoesNotContain("nightly@2026-10-25T01:30:00Z", sagas.Select(s => s.Id));
        Assert.Equal(365, (await cluster.Client.DescribeScheduleAsync("nightly")).RunCount);
    }

    [Fact]
    public async Task The_grain_client_refuses_a_bad_schedule_with_every_problem_and_keeps_the_stored_one()
    {
        await using var cluster = await ScheduleCluster.StartAsync(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var good = Daily0230Berlin();
        await cluster.Client.PutScheduleAsync("kept", good);

        var refused = await Assert.ThrowsAsync<ScheduleSpecException>(() =>
            cluster.Client.PutScheduleAsync("kept", good with { Definition = "unknown", Cron = "30 2 * *", TimeZone = "Europe/Atlantis", MaxRuns = -1 }));

        Assert.Equal(["cron", "timeZone", "maxRuns", "definition"], refused.Problems.Select(p => p.Field));
        var kept = await cluster.Client.DescribeScheduleAsync("kept");
        Assert.Equal(good with { Paused = false }, kept.Spec with { Input = good.Input });
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => cluster.Client.DescribeScheduleAsync("nobody"));
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => cluster.Client.TriggerScheduleAsync("nobody"));
    }

    [Theory]
    [InlineData(ScheduleCatchUpPolicy.All, 3)]
    [InlineData(ScheduleCatchUpPolicy.Last, 1)]
    [InlineData(ScheduleCatchUpPolicy.None, 0)]
    public async Task After_three_days_in_which_the_schedule_could_not_run_catch_up_starts_what_its_policy_says(ScheduleCatchUpPolicy policy, int expected)
    {
        var start = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
        await using var cluster = await ScheduleCluster.StartAsync(start);
        await cluster.Client.PutScheduleAsync("catch-up", Daily0230Berlin(policy));

        // The clock jumps three days at once: no timer or reminder ran in between, as when the cluster was down.
        cluster.Time.Advance(TimeSpan.FromDays(3));
        var lastMissed = new DateTimeOffset(2026, 3, 12, 1, 30, 0, TimeSpan.Zero);
        await cluster.UntilDecidedAsync("catch-up", lastMissed);

        var sagas = await cluster.SagasOfAsync("catch-up");
        Assert.Equal(expected, sagas.Count);
        if (policy == ScheduleCatchUpPolicy.Last) Assert.Equal("catch-up@2026-03-12T01:30:00Z", sagas[0].Id);
        var schedule = await cluster.Client.DescribeScheduleAsync("catch-up");
        if (expected < 3) Assert.Contains(schedule.Runs, r => r.Outcome == ScheduleRunOutcome.Missed && r.Note.Contains("missed", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 1, 30, 0, TimeSpan.Zero), schedule.NextOccurrences[0]);
    }

    [Theory]
    [InlineData(ScheduleCatchUpPolicy.All, 3)]
    [InlineData(ScheduleCatchUpPolicy.Last, 1)]
    [InlineData(ScheduleCatchUpPolicy.None, 0)]
    public async Task After_three_days_with_the_cluster_stopped_a_restarted_silo_catches_up_as_the_policy_says(ScheduleCatchUpPolicy policy, int expected)
    {
        using var directory = new Infrastructure.TempDirectory();
        var database = directory.File("sagas.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero));
        var serviceId = $"downtime-{Guid.NewGuid():N}";
        await using (var before = await ScheduleCluster.StartAsync(time, silo => silo.UseSagasSqlite(database), serviceId))
            await before.Client.PutScheduleAsync("down", Daily0230Berlin(policy));

        // Nothing runs for three days; then a silo starts on the same database and wakes the schedule.
        time.Advance(TimeSpan.FromDays(3));
        await using var after = await ScheduleCluster.StartAsync(time, silo => silo.UseSagasSqlite(database), serviceId);
        await after.UntilDecidedAsync("down", new DateTimeOffset(2026, 3, 12, 1, 30, 0, TimeSpan.Zero));

        var sagas = await after.SagasOfAsync("down");
        Assert.Equal(expected, sagas.Count);
        var all = new[] { "down@2026-03-10T01:30:00Z", "down@2026-03-11T01:30:00Z", "down@2026-03-12T01:30:00Z" };
        Assert.Equal(all.TakeLast(expected), sagas.Select(s => s.Id));
        var schedule = await after.Client.DescribeScheduleAsync("down");
        Assert.Equal(expected, schedule.RunCount);
        if (expected < 3) Assert.Equal(ScheduleRunOutcome.Missed, schedule.Runs.First(r => r.Outcome != ScheduleRunOutcome.Started).Outcome);
    }

    [Fact]
    public async Task A_maximum_count_and_an_end_time_end_a_schedule_and_a_paused_one_does_not_catch_up_when_resumed()
    {
        var t0 = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        await using var cluster = await ScheduleCluster.StartAsync(t0);
        var everyMinute = new ScheduleSpec { Definition = ScheduleCluster.Quick, Every = TimeSpan.FromMinutes(1), Overlap = ScheduleOverlapPolicy.Allow };
        await cluster.Client.PutScheduleAsync("limited", everyMinute with { MaxRuns = 2 });
        await cluster.Client.PutScheduleAsync("until", everyMinute with { EndAt = t0.AddSeconds(150) });
        await cluster.Client.PutScheduleAsync("paused", everyMinute);
        string[] names = ["limited", "until", "paused"];

        cluster.Time.SetUtcNow(t0.AddMinutes(1));
        foreach (var name in names) await cluster.UntilDecidedAsync(name, t0.AddMinutes(1));
        Assert.Equal(ScheduleStatus.Paused, (await cluster.Client.PauseScheduleAsync("paused", "maintenance")).Status);
        cluster.Time.SetUtcNow(t0.AddMinutes(2));
        foreach (var name in names[..2]) await cluster.UntilDecidedAsync(name, t0.AddMinutes(2));
        cluster.Time.SetUtcNow(t0.AddMinutes(3));
        var resumed = await cluster.Client.ResumeScheduleAsync("paused");
        Assert.Equal(t0.AddMinutes(4), resumed.NextOccurrences[0]);
        cluster.Time.SetUtcNow(t0.AddMinutes(4));
        await cluster.UntilDecidedAsync("paused", t0.AddMinutes(4));

        foreach (var name in names[..2])
        {
            var ended = await cluster.Client.DescribeScheduleAsync(name);
            Assert.Equal(ScheduleStatus.Ended, ended.Status);
            Assert.Empty(ended.NextOccurrences);
            Assert.Equal([$"{name}@2026-07-01T00:01:00Z", $"{name}@2026-07-01T00:02:00Z"], (await cluster.SagasOfAsync(name)).Select(s => s.Id));
        }
        Assert.Equal(["paused@2026-07-01T00:01:00Z", "paused@2026-07-01T00:04:00Z"], (await cluster.SagasOfAsync("paused")).Select(s => s.Id));
    }

    [Fact]
    public async Task Overlap_policies_decide_what_an_occurrence_does_while_the_previous_run_outlives_the_interval()
    {
        var t0 = new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);
        await using var cluster = await ScheduleCluster.StartAsync(t0);
        var policies = Enum.GetValues<ScheduleOverlapPolicy>();
        foreach (var policy in policies)
            await cluster.Client.PutScheduleAsync(policy.ToString(), new ScheduleSpec { Definition = ScheduleCluster.Slow, Every = TimeSpan.FromMinutes(1), Overlap = policy });

        // 08:01: every schedule starts its first run, which waits 90 s.
        var first = t0.AddMinutes(1);
        cluster.Time.SetUtcNow(first);
        foreach (var policy in policies)
        {
            await cluster.UntilDecidedAsync(policy.ToString(), first);
            await cluster.UntilRecordedAsync(ScheduleIds.SagaId(policy.ToString(), first), "DelayStarted");
        }

        // 08:02: the first runs still wait.
        var second = t0.AddMinutes(2);
        cluster.Time.SetUtcNow(second);
        foreach (var policy in policies) await cluster.UntilDecidedAsync(policy.ToString(), second);

        var skip = await cluster.Client.DescribeScheduleAsync(nameof(ScheduleOverlapPolicy.Skip));
        Assert.Equal(ScheduleRunOutcome.Skipped, skip.Runs[0].Outcome);
        Assert.Equal("skipped: previous still running (Skip@2026-05-04T08:01:00Z)", skip.Runs[0].Note);
        Assert.Single(await cluster.SagasOfAsync("Skip"));

        var allow = await cluster.SagasOfAsync("Allow");
        Assert.Equal(["Allow@2026-05-04T08:01:00Z", "Allow@2026-05-04T08:02:00Z"], allow.Select(s => s.Id));
        Assert.All(allow, s => Assert.Equal(SagaStatus.Running, s.Status));

        var cancel = await cluster.SagasOfAsync("CancelPrevious");
        await cluster.Client.WaitAsync(cancel[0].Id, TimeSpan.FromSeconds(20));
        Assert.Equal(SagaStatus.Cancelled, (await cluster.Client.DescribeAsync(cancel[0].Id)).Status);
        Assert.Equal(SagaStatus.Running, cancel[1].Status);

        var buffer = await cluster.Client.DescribeScheduleAsync(nameof(ScheduleOverlapPolicy.BufferOne));
        Assert.Equal(ScheduleRunOutcome.Buffered, buffer.Runs[0].Outcome);
        Assert.Single(await cluster.SagasOfAsync("BufferOne"));

        // 08:02:30: the first run's wait ends and it finishes; a second later the buffered occurrence starts.
        cluster.Time.SetUtcNow(first.AddSeconds(90));
        var firstBuffered = ScheduleIds.SagaId("BufferOne", first);
        Assert.Equal(SagaStatus.Succeeded, (await cluster.Client.WaitAsync(firstBuffered, TimeSpan.FromSeconds(20))).Status);
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await Infrastructure.Eventually.True(async () => (await cluster.SagasOfAsync("BufferOne")).Count == 2, "the buffered run starts");
        var buffered = (await cluster.SagasOfAsync("BufferOne"))[1];
        Assert.Equal("BufferOne@2026-05-04T08:02:00Z", buffered.Id);
        Assert.True(buffered.CreatedAt >= first.AddSeconds(90));
        Assert.Equal("started: the previous run ended (buffered)", (await cluster.Client.DescribeScheduleAsync("BufferOne")).Runs[0].Note);
    }
}
