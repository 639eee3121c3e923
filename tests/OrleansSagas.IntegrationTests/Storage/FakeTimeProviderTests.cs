using OrleansSagas.Testing;

namespace OrleansSagas.IntegrationTests.Storage;

public sealed class FakeTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_moves_only_when_told()
    {
        var time = new FakeTimeProvider(Start);
        var before = time.GetTimestamp();

        time.Advance(TimeSpan.FromSeconds(90));
        time.SetUtcNow(Start.AddHours(1));

        Assert.Equal(Start.AddHours(1), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromHours(1), time.GetElapsedTime(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Timers_fire_in_due_order_inside_advance_each_seeing_its_own_due_time()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var never = time.CreateTimer(_ => fired.Add(("never", time.GetUtcNow())), null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([("early", Start.AddSeconds(10)), ("late", Start.AddSeconds(30))], fired);
        Assert.Equal(Start.AddSeconds(69), time.GetUtcNow());
        Assert.Equal(1, time.ScheduledTimerCount);
    }

    [Fact]
    public void Periodic_timers_fire_every_period_until_changed_or_disposed()
    {
        var time = new FakeTimeProvider(Start);
        var ticks = 0;
        var timer = time.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(4, ticks);

        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(4, ticks);

        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(4, ticks);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task Delays_and_cancellation_follow_the_fake_clock()
    {
        var time = new FakeTimeProvider(Start);
        var delay = Task.Delay(TimeSpan.FromHours(1), time);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1), time);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(delay.IsCompleted);
        Assert.True(timeout.IsCancellationRequested);

        time.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_timer_armed_by_a_callback_fires_in_the_same_advance_when_due()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        ITimer? second = null;
        using var first = time.CreateTimer(
            _ => second = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan),
            null,
            TimeSpan.FromSeconds(5),
            Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(12));

        Assert.Equal([Start.AddSeconds(10)], fired);
        second?.Dispose();
    }
}
