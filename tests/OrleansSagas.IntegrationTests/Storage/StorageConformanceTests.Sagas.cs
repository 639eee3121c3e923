using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Create_stores_header_events_timers_and_tasks()
    {
        var epoch = await AcquireAsync(1);
        var commit = NewSaga("saga-1", epoch, timers: [Timer("saga-1", "t1", T0.AddMinutes(5))], tasks: [WorkItem("task-1")]);

        var (record, created) = await Storage.Sagas.CreateAsync(commit);

        Assert.True(created);
        Assert.Equal(commit.Record, record);
        Assert.Equal(commit.Record, await Storage.Sagas.GetAsync("saga-1"));
        Assert.Equal(commit.Events, await Storage.Sagas.ReadEventsAsync("saga-1"));
        Assert.Equal([Timer("saga-1", "t1", T0.AddMinutes(5))], await Storage.Timers.GetForSagaAsync("saga-1"));
        var leased = await Storage.Tasks.TryLeaseAsync("payments", "worker", TimeSpan.FromMinutes(1), T0);
        Assert.Equal(WorkItem("task-1"), leased!.Task);
    }

    [Fact]
    public async Task Create_of_an_existing_id_returns_the_existing_saga_and_writes_nothing()
    {
        var epoch = await AcquireAsync(1);
        var first = NewSaga("saga-1", epoch);
        await Storage.Sagas.CreateAsync(first);
        var second = NewSaga("saga-1", epoch, definition: "other", timers: [Timer("saga-1", "t1", T0)], tasks: [WorkItem("task-1")]) with
        {
            Events = [new StoredEvent(1, "Other", T0, "{}"), new StoredEvent(2, "Other", T0, "{}")],
        };

        var (record, created) = await Storage.Sagas.CreateAsync(second);

        Assert.False(created);
        Assert.Equal(first.Record, record);
        Assert.Equal(first.Events, await Storage.Sagas.ReadEventsAsync("saga-1"));
        Assert.Empty(await Storage.Timers.GetForSagaAsync("saga-1"));
        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "worker", TimeSpan.FromMinutes(1), T0));
    }

    [Fact]
    public async Task Create_in_a_partition_never_leased_is_rejected_with_an_epoch_conflict()
    {
        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch: 1, partition: 7)));

        Assert.Equal(StorageConflictKind.Epoch, error.Kind);
        Assert.Null(await Storage.Sagas.GetAsync("saga-1"));
    }

    [Fact]
    public async Task Create_with_a_stale_epoch_is_rejected_and_writes_nothing()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Leases.ReleaseAsync(1, Node, epoch);
        await Storage.Leases.TryAcquireAsync(1, "node-b", epoch, T0.AddMinutes(1));

        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch, timers: [Timer("saga-1", "t1", T0)], tasks: [WorkItem("task-1")])));

        Assert.Equal(StorageConflictKind.Epoch, error.Kind);
        Assert.Null(await Storage.Sagas.GetAsync("saga-1"));
        Assert.Empty(await Storage.Sagas.ReadEventsAsync("saga-1"));
        Assert.Empty(await Storage.Timers.GetForSagaAsync("saga-1"));
        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "worker", TimeSpan.FromMinutes(1), T0));
    }

    [Fact]
    public async Task Commit_appends_events_and_replaces_the_header()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch));
        var next = Next("saga-1", expectedVersion: 2, epoch, eventCount: 3, status: SagaStatus.Succeeded);

        await Storage.Sagas.CommitAsync(next);

        Assert.Equal(next.Record, await Storage.Sagas.GetAsync("saga-1"));
        var events = await Storage.Sagas.ReadEventsAsync("saga-1");
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Sequence));
        Assert.Equal(next.Events, await Storage.Sagas.ReadEventsAsync("saga-1", afterSequence: 2));
        Assert.Empty(await Storage.Sagas.ReadEventsAsync("saga-1", afterSequence: 5));
    }

    [Fact]
    public async Task Commit_with_a_stale_version_is_rejected_and_writes_nothing()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch));
        await Storage.Sagas.CommitAsync(Next("saga-1", 2, epoch));
        var stale = Next("saga-1", 2, epoch, eventCount: 2, status: SagaStatus.Succeeded) with
        {
            TimersToArm = [Timer("saga-1", "t1", T0)],
            TasksToEnqueue = [WorkItem("task-1")],
        };

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Storage.Sagas.CommitAsync(stale));

        Assert.Equal(StorageConflictKind.Version, error.Kind);
        var stored = await Storage.Sagas.GetAsync("saga-1");
        Assert.Equal(3, stored!.Version);
        Assert.Equal(SagaStatus.Running, stored.Status);
        Assert.Equal(3, (await Storage.Sagas.ReadEventsAsync("saga-1")).Count);
        Assert.Empty(await Storage.Timers.GetForSagaAsync("saga-1"));
        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "worker", TimeSpan.FromMinutes(1), T0));
    }

    [Fact]
    public async Task Commit_with_a_stale_epoch_is_rejected_and_writes_nothing()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch, timers: [Timer("saga-1", "t1", T0)]));
        var takenOver = await Storage.Leases.TryAcquireAsync(1, "node-b", epoch, T0.AddMinutes(2));
        Assert.NotNull(takenOver);
        var fenced = Next("saga-1", 2, epoch, status: SagaStatus.Succeeded) with
        {
            TimersToDisarm = ["t1"],
            TasksToEnqueue = [WorkItem("task-1")],
        };

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Storage.Sagas.CommitAsync(fenced));

        Assert.Equal(StorageConflictKind.Epoch, error.Kind);
        Assert.Equal(2, (await Storage.Sagas.GetAsync("saga-1"))!.Version);
        Assert.Equal(2, (await Storage.Sagas.ReadEventsAsync("saga-1")).Count);
        Assert.Single(await Storage.Timers.GetForSagaAsync("saga-1"));
        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "worker", TimeSpan.FromMinutes(1), T0));

        await Storage.Sagas.CommitAsync(fenced with { Epoch = takenOver.Epoch });
        Assert.Equal(3, (await Storage.Sagas.GetAsync("saga-1"))!.Version);
    }

    [Fact]
    public async Task Commit_of_an_unknown_saga_is_a_version_conflict()
    {
        var epoch = await AcquireAsync(1);

        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Storage.Sagas.CommitAsync(Next("missing", 2, epoch)));

        Assert.Equal(StorageConflictKind.Version, error.Kind);
        Assert.Null(await Storage.Sagas.GetAsync("missing"));
    }

    [Fact]
    public async Task Commit_enqueuing_an_existing_task_id_is_rejected_and_writes_nothing()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch, tasks: [WorkItem("task-1")]));

        var error = await Assert.ThrowsAsync<StorageConflictException>(
            () => Storage.Sagas.CommitAsync(Next("saga-1", 2, epoch) with { TasksToEnqueue = [WorkItem("task-2"), WorkItem("task-1")] }));

        Assert.Equal(StorageConflictKind.Exists, error.Kind);
        Assert.Equal(2, (await Storage.Sagas.GetAsync("saga-1"))!.Version);
        Assert.Equal("task-1", (await Storage.Tasks.TryLeaseAsync("payments", "w", TimeSpan.FromMinutes(1), T0))!.Task.TaskId);
        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "w", TimeSpan.FromMinutes(1), T0));
    }

    [Fact]
    public async Task Commits_whose_events_do_not_follow_the_expected_version_are_refused()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch));

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Sagas.CommitAsync(Next("saga-1", 2, epoch) with { Events = Events(3, 1) }));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Storage.Sagas.CommitAsync(Next("saga-1", 2, epoch) with { Record = Header("saga-1", version: 9) }));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Sagas.CreateAsync(NewSaga("saga-2", epoch) with { ExpectedVersion = 1 }));

        Assert.Equal(2, (await Storage.Sagas.GetAsync("saga-1"))!.Version);
    }

    [Fact]
    public async Task Unknown_sagas_have_no_header_and_no_events()
    {
        Assert.Null(await Storage.Sagas.GetAsync("nobody"));
        Assert.Empty(await Storage.Sagas.ReadEventsAsync("nobody"));
        Assert.Empty(await Storage.Timers.GetForSagaAsync("nobody"));
    }

    [Fact]
    public async Task Parallel_writers_on_one_saga_win_exactly_once_per_version()
    {
        const int writers = 8;
        const int rounds = 15;
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch));
        var version = 2L;

        for (var round = 0; round < rounds; round++)
        {
            var expected = version;
            var attempts = Enumerable.Range(0, writers)
                .Select(w => System.Threading.Tasks.Task.Run(async () =>
                {
                    try
                    {
                        await Storage.Sagas.CommitAsync(Next("saga-1", expected, epoch) with { TasksToEnqueue = [WorkItem($"r{expected}-w{w}")] });
                        return true;
                    }
                    catch (StorageConflictException conflict) when (conflict.Kind == StorageConflictKind.Version)
                    {
                        return false;
                    }
                }))
                .ToArray();
            var results = await System.Threading.Tasks.Task.WhenAll(attempts);

            Assert.Equal(1, results.Count(won => won));
            version++;
        }

        Assert.Equal(version, (await Storage.Sagas.GetAsync("saga-1"))!.Version);
        Assert.Equal(Enumerable.Range(1, (int)version).Select(v => (long)v), (await Storage.Sagas.ReadEventsAsync("saga-1")).Select(e => e.Sequence));
        var enqueued = 0;
        while (await Storage.Tasks.TryLeaseAsync("payments", "w", TimeSpan.FromMinutes(1), T0) is not null)
        {
            enqueued++;
        }

        Assert.Equal(rounds, enqueued);
    }
}
