using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public abstract partial class StorageConformanceTests
{
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(30);

    private async Task EnqueueAsync(params TaskEntry[] tasks)
    {
        var epoch = (await Storage.Leases.ReadAllAsync()).FirstOrDefault(l => l.Partition == 1)?.Epoch ?? await AcquireAsync(1);
        var saga = await Storage.Sagas.GetAsync("saga-1");
        if (saga is null)
        {
            await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch, tasks: tasks));
        }
        else
        {
            await Storage.Sagas.CommitAsync(Next("saga-1", saga.Version, epoch) with { TasksToEnqueue = tasks });
        }
    }

    [Fact]
    public async Task Leasing_takes_the_oldest_visible_task_of_the_queue_once()
    {
        await EnqueueAsync(WorkItem("later", visibleAt: T0.AddMinutes(5)), WorkItem("first"), WorkItem("second"), WorkItem("other", queue: "shipping"));

        var a = await Storage.Tasks.TryLeaseAsync("payments", "w1", LeaseFor, T0);
        var b = await Storage.Tasks.TryLeaseAsync("payments", "w2", LeaseFor, T0);
        var none = await Storage.Tasks.TryLeaseAsync("payments", "w3", LeaseFor, T0);
        Assert.True(await Storage.Tasks.CompleteAsync("first", a!.LeaseToken));
        Assert.True(await Storage.Tasks.CompleteAsync("second", b!.LeaseToken));
        var later = await Storage.Tasks.TryLeaseAsync("payments", "w3", LeaseFor, T0.AddMinutes(5));

        Assert.Equal("first", a!.Task.TaskId);
        Assert.Equal(T0 + LeaseFor, a.LeaseExpiresAt);
        Assert.Equal(1, a.Deliveries);
        Assert.Equal("second", b!.Task.TaskId);
        Assert.NotEqual(a.LeaseToken, b.LeaseToken);
        Assert.Null(none);
        Assert.Equal(WorkItem("later", visibleAt: T0.AddMinutes(5)), later!.Task);
    }

    [Fact]
    public async Task A_leased_task_becomes_visible_again_when_its_lease_expires_and_the_old_token_stops_working()
    {
        await EnqueueAsync(WorkItem("task-1"));
        var first = await Storage.Tasks.TryLeaseAsync("payments", "w1", LeaseFor, T0);

        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "w2", LeaseFor, T0 + LeaseFor - TimeSpan.FromMilliseconds(1)));
        var second = await Storage.Tasks.TryLeaseAsync("payments", "w2", LeaseFor, T0 + LeaseFor);

        Assert.Equal("task-1", second!.Task.TaskId);
        Assert.Equal(2, second.Deliveries);
        Assert.NotEqual(first!.LeaseToken, second.LeaseToken);
        Assert.False(await Storage.Tasks.ExtendLeaseAsync("task-1", first.LeaseToken, T0.AddHours(1)));
        Assert.False(await Storage.Tasks.CompleteAsync("task-1", first.LeaseToken));
        Assert.True(await Storage.Tasks.CompleteAsync("task-1", second.LeaseToken));
    }

    [Fact]
    public async Task Extending_a_lease_keeps_the_task_invisible_until_the_new_expiry()
    {
        await EnqueueAsync(WorkItem("task-1"));
        var lease = await Storage.Tasks.TryLeaseAsync("payments", "w1", LeaseFor, T0);

        Assert.True(await Storage.Tasks.ExtendLeaseAsync("task-1", lease!.LeaseToken, T0.AddMinutes(10)));

        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "w2", LeaseFor, T0.AddMinutes(9)));
        Assert.NotNull(await Storage.Tasks.TryLeaseAsync("payments", "w2", LeaseFor, T0.AddMinutes(10)));
    }

    [Fact]
    public async Task Completing_removes_the_task_and_only_the_current_token_may_complete()
    {
        await EnqueueAsync(WorkItem("task-1"));
        var lease = await Storage.Tasks.TryLeaseAsync("payments", "w1", LeaseFor, T0);

        Assert.False(await Storage.Tasks.CompleteAsync("task-1", "forged"));
        Assert.True(await Storage.Tasks.CompleteAsync("task-1", lease!.LeaseToken));

        Assert.False(await Storage.Tasks.CompleteAsync("task-1", lease.LeaseToken));
        Assert.False(await Storage.Tasks.ExtendLeaseAsync("task-1", lease.LeaseToken, T0.AddHours(1)));
        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "w2", LeaseFor, T0.AddDays(1)));
    }

    [Fact]
    public async Task Removing_a_task_works_whether_or_not_it_is_leased()
    {
        await EnqueueAsync(WorkItem("leased"), WorkItem("waiting"));
        var lease = await Storage.Tasks.TryLeaseAsync("payments", "w1", LeaseFor, T0);

        await Storage.Tasks.RemoveAsync("leased");
        await Storage.Tasks.RemoveAsync("waiting");
        await Storage.Tasks.RemoveAsync("never-existed");

        Assert.False(await Storage.Tasks.CompleteAsync("leased", lease!.LeaseToken));
        Assert.Null(await Storage.Tasks.TryLeaseAsync("payments", "w2", LeaseFor, T0.AddDays(1)));
    }

    [Fact]
    public async Task Parallel_workers_never_lease_the_same_task_twice()
    {
        var tasks = Enumerable.Range(0, 40).Select(i => WorkItem($"task-{i:00}")).ToArray();
        await EnqueueAsync(tasks);

        var workers = Enumerable.Range(0, 6).Select(w => System.Threading.Tasks.Task.Run(async () =>
        {
            var mine = new List<string>();
            while (await Storage.Tasks.TryLeaseAsync("payments", $"w{w}", LeaseFor, T0) is { } lease)
            {
                mine.Add(lease.Task.TaskId);
            }

            return mine;
        }));
        var leased = (await System.Threading.Tasks.Task.WhenAll(workers)).SelectMany(ids => ids).ToList();

        Assert.Equal(tasks.Select(t => t.TaskId).Order(StringComparer.Ordinal), leased.Order(StringComparer.Ordinal));
    }
}
