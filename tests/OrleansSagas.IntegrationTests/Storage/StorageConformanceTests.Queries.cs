using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Query_pages_by_id_with_a_cursor_until_the_last_page()
    {
        var epoch = await AcquireAsync(1);
        foreach (var id in new[] { "s-05", "s-01", "s-04", "s-03", "s-02" })
        {
            await Storage.Sagas.CreateAsync(NewSaga(id, epoch));
        }

        var first = await Storage.Sagas.QueryAsync(new SagaQuery(Limit: 2));
        var second = await Storage.Sagas.QueryAsync(new SagaQuery(Limit: 2, After: first.Next));
        var third = await Storage.Sagas.QueryAsync(new SagaQuery(Limit: 2, After: second.Next));

        Assert.Equal(["s-01", "s-02"], first.Items.Select(s => s.Id));
        Assert.Equal("s-02", first.Next);
        Assert.Equal(["s-03", "s-04"], second.Items.Select(s => s.Id));
        Assert.Equal(["s-05"], third.Items.Select(s => s.Id));
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task Query_of_an_exactly_full_last_page_has_no_cursor()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("a", epoch));
        await Storage.Sagas.CreateAsync(NewSaga("b", epoch));

        var page = await Storage.Sagas.QueryAsync(new SagaQuery(Limit: 2));

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Query_orders_ids_by_code_point_whatever_the_locale()
    {
        var epoch = await AcquireAsync(1);
        foreach (var id in new[] { "b", "B", "a", "_", "A" })
        {
            await Storage.Sagas.CreateAsync(NewSaga(id, epoch));
        }

        var page = await Storage.Sagas.QueryAsync(new SagaQuery());

        Assert.Equal(["A", "B", "_", "a", "b"], page.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task Query_filters_by_status_and_definition()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("s1", epoch, definition: "travel"));
        await Storage.Sagas.CreateAsync(NewSaga("s2", epoch, definition: "travel", status: SagaStatus.Succeeded));
        await Storage.Sagas.CreateAsync(NewSaga("s3", epoch, definition: "billing"));
        await Storage.Sagas.CreateAsync(NewSaga("s4", epoch, definition: "travel"));

        var running = await Storage.Sagas.QueryAsync(new SagaQuery(Status: SagaStatus.Running));
        var travel = await Storage.Sagas.QueryAsync(new SagaQuery(Definition: "travel"));
        var runningTravel = await Storage.Sagas.QueryAsync(new SagaQuery(SagaStatus.Running, "travel", Limit: 1));
        var nextRunningTravel = await Storage.Sagas.QueryAsync(new SagaQuery(SagaStatus.Running, "travel", Limit: 1, After: runningTravel.Next));

        Assert.Equal(["s1", "s3", "s4"], running.Items.Select(s => s.Id));
        Assert.Equal(["s1", "s2", "s4"], travel.Items.Select(s => s.Id));
        Assert.Equal(["s1"], runningTravel.Items.Select(s => s.Id));
        Assert.Equal(["s4"], nextRunningTravel.Items.Select(s => s.Id));
        Assert.Null(nextRunningTravel.Next);
        Assert.Empty((await Storage.Sagas.QueryAsync(new SagaQuery(SagaStatus.Stuck))).Items);
    }

    [Fact]
    public async Task Query_refuses_limits_outside_1_to_1000()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.Sagas.QueryAsync(new SagaQuery(Limit: 0)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.Sagas.QueryAsync(new SagaQuery(Limit: 1001)));
        Assert.Empty((await Storage.Sagas.QueryAsync(new SagaQuery(Limit: 1000))).Items);
    }

    [Fact]
    public async Task List_running_returns_non_terminal_sagas_of_the_given_partitions()
    {
        var one = await AcquireAsync(1);
        var two = await AcquireAsync(2);
        var three = await AcquireAsync(3);
        await Storage.Sagas.CreateAsync(NewSaga("p1-running", one, partition: 1));
        await Storage.Sagas.CreateAsync(NewSaga("p1-done", one, partition: 1, status: SagaStatus.Compensated));
        await Storage.Sagas.CreateAsync(NewSaga("p2-running", two, partition: 2));
        await Storage.Sagas.CreateAsync(NewSaga("p3-running", three, partition: 3));
        await Storage.Sagas.CommitAsync(Next("p3-running", 2, three, partition: 3, status: SagaStatus.Cancelled));

        Assert.Equal(["p1-running", "p2-running"], await Storage.Sagas.ListRunningAsync([1, 2, 3]));
        Assert.Equal(["p2-running"], await Storage.Sagas.ListRunningAsync([2]));
        Assert.Empty(await Storage.Sagas.ListRunningAsync([9]));
        Assert.Empty(await Storage.Sagas.ListRunningAsync([]));
    }

    [Fact]
    public async Task Timers_are_armed_and_disarmed_with_the_commit_that_decides_them()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch, timers: [Timer("saga-1", "retry", T0.AddSeconds(30)), Timer("saga-1", "timeout", T0.AddHours(1))]));

        await Storage.Sagas.CommitAsync(Next("saga-1", 2, epoch) with
        {
            TimersToDisarm = ["retry", "never-armed"],
            TimersToArm = [Timer("saga-1", "timeout", T0.AddHours(2)), Timer("saga-1", "wait", T0.AddMinutes(10))],
        });

        Assert.Equal(
            [Timer("saga-1", "wait", T0.AddMinutes(10)), Timer("saga-1", "timeout", T0.AddHours(2))],
            await Storage.Timers.GetForSagaAsync("saga-1"));
    }

    [Fact]
    public async Task A_timer_disarmed_and_rearmed_in_one_commit_keeps_the_new_due_time()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch, timers: [Timer("saga-1", "retry", T0.AddSeconds(1))]));

        await Storage.Sagas.CommitAsync(Next("saga-1", 2, epoch) with
        {
            TimersToDisarm = ["retry"],
            TimersToArm = [Timer("saga-1", "retry", T0.AddSeconds(4))],
        });

        Assert.Equal([Timer("saga-1", "retry", T0.AddSeconds(4))], await Storage.Timers.GetForSagaAsync("saga-1"));
    }

    [Fact]
    public async Task Due_timers_come_earliest_first_within_the_time_bound_limit_and_partitions()
    {
        var one = await AcquireAsync(1);
        var two = await AcquireAsync(2);
        await Storage.Sagas.CreateAsync(NewSaga("a", one, partition: 1, timers: [Timer("a", "t", T0.AddSeconds(3), 1), Timer("a", "late", T0.AddHours(1), 1)]));
        await Storage.Sagas.CreateAsync(NewSaga("b", two, partition: 2, timers: [Timer("b", "t", T0.AddSeconds(1), 2)]));
        await Storage.Sagas.CreateAsync(NewSaga("c", one, partition: 1, timers: [Timer("c", "t", T0.AddSeconds(2), 1)]));
        await Storage.Sagas.CreateAsync(NewSaga("d", one, partition: 1, timers: [Timer("d", "t", T0.AddSeconds(3), 1)]));

        var all = await Storage.Timers.GetDueAsync(T0.AddSeconds(3), [1, 2], 10);
        var limited = await Storage.Timers.GetDueAsync(T0.AddSeconds(3), [1, 2], 2);
        var partitionOne = await Storage.Timers.GetDueAsync(T0.AddMinutes(1), [1], 10);

        Assert.Equal(["b", "c", "a", "d"], all.Select(t => t.SagaId));
        Assert.Equal(["b", "c"], limited.Select(t => t.SagaId));
        Assert.Equal(["c", "a", "d"], partitionOne.Select(t => t.SagaId));
        Assert.Empty(await Storage.Timers.GetDueAsync(T0, [1, 2], 10));
        Assert.Empty(await Storage.Timers.GetDueAsync(T0.AddDays(1), [3], 10));
        Assert.Equal(Timer("b", "t", T0.AddSeconds(1), 2), all[0]);
    }
}
