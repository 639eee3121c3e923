using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

/// <summary>
/// The behaviour every storage provider must have. Each provider runs all of it through a subclass that supplies a fresh, empty store.
/// The tests are split over partial files by port.
/// </summary>
public abstract partial class StorageConformanceTests : IAsyncLifetime
{
    /// <summary>A fixed origin in whole milliseconds, so every provider (PostgreSQL keeps microseconds) round-trips times exactly.</summary>
    protected static readonly DateTimeOffset T0 = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    protected const string Node = "node-a";

    protected ISagaStorage Storage { get; private set; } = null!;

    /// <summary>A fresh, empty store of the provider under test (not yet initialized).</summary>
    protected abstract Task<ISagaStorage> CreateStorageAsync();

    /// <summary>Releases what <see cref="CreateStorageAsync"/> created.</summary>
    protected virtual async Task DisposeStorageAsync(ISagaStorage storage)
    {
        switch (storage)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    public async Task InitializeAsync()
    {
        Storage = await CreateStorageAsync();
        await Storage.InitializeAsync();
    }

    public Task DisposeAsync() => DisposeStorageAsync(Storage);

    [Fact]
    public async Task Initializing_twice_is_harmless_and_keeps_data()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch));

        await Storage.InitializeAsync();
        await Storage.InitializeAsync();

        Assert.NotNull(await Storage.Sagas.GetAsync("saga-1"));
        Assert.Single(await Storage.Leases.ReadAllAsync());
    }

    [Fact]
    public async Task Times_round_trip_as_the_same_instants()
    {
        var local = new DateTimeOffset(2031, 6, 30, 23, 59, 58, 123, TimeSpan.FromHours(2));
        var epoch = await AcquireAsync(1);
        var created = NewSaga("saga-1", epoch, at: local);

        await Storage.Sagas.CreateAsync(created);

        var stored = await Storage.Sagas.GetAsync("saga-1");
        Assert.Equal(local, stored!.CreatedAt);
        Assert.Equal(local.AddSeconds(2).UtcTicks, stored.UpdatedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.UpdatedAt.Offset);
        Assert.Equal(local, (await Storage.Sagas.ReadEventsAsync("saga-1"))[0].Timestamp);
    }

    /// <summary>Takes partition <paramref name="partition"/> for <see cref="Node"/> when never leased; returns the epoch.</summary>
    protected async Task<long> AcquireAsync(int partition, string node = Node)
    {
        var lease = await Storage.Leases.TryAcquireAsync(partition, node, 0, T0.AddMinutes(1));
        Assert.NotNull(lease);
        return lease.Epoch;
    }

    protected static SagaRecord Header(
        string id,
        long version,
        int partition = 1,
        SagaStatus status = SagaStatus.Running,
        string definition = "travel",
        DateTimeOffset? at = null) => new()
        {
            Id = id,
            Definition = definition,
            DefinitionVersion = 1,
            Partition = partition,
            Status = status,
            Input = """{"trip":42}""",
            Output = status == SagaStatus.Succeeded ? """{"ok":true}""" : null,
            Version = version,
            CreatedAt = at ?? T0,
            UpdatedAt = (at ?? T0).AddSeconds(version),
            Summary = $$"""{"v":{{version}}}""",
        };

    protected static IReadOnlyList<StoredEvent> Events(long after, int count, DateTimeOffset? at = null) =>
        Enumerable.Range(1, count)
            .Select(i => new StoredEvent(after + i, $"Event{after + i}", at ?? T0.AddSeconds(after + i), $$"""{"n":{{after + i}}}"""))
            .ToArray();

    /// <summary>A creation commit with two events.</summary>
    protected static SagaCommit NewSaga(
        string id,
        long epoch,
        int partition = 1,
        SagaStatus status = SagaStatus.Running,
        string definition = "travel",
        DateTimeOffset? at = null,
        IReadOnlyList<TimerEntry>? timers = null,
        IReadOnlyList<TaskEntry>? tasks = null) => new()
        {
            Record = Header(id, 2, partition, status, definition, at),
            ExpectedVersion = 0,
            Epoch = epoch,
            Events = Events(0, 2, at),
            TimersToArm = timers ?? [],
            TasksToEnqueue = tasks ?? [],
        };

    /// <summary>A commit appending <paramref name="eventCount"/> events after <paramref name="expectedVersion"/>.</summary>
    protected static SagaCommit Next(
        string id,
        long expectedVersion,
        long epoch,
        int eventCount = 1,
        int partition = 1,
        SagaStatus status = SagaStatus.Running) => new()
        {
            Record = Header(id, expectedVersion + eventCount, partition, status),
            ExpectedVersion = expectedVersion,
            Epoch = epoch,
            Events = Events(expectedVersion, eventCount),
        };

    protected static TimerEntry Timer(string sagaId, string timerId, DateTimeOffset dueAt, int partition = 1) => new(sagaId, timerId, dueAt, partition);

    protected static TaskEntry WorkItem(string taskId, string sagaId = "saga-1", string queue = "payments", DateTimeOffset? visibleAt = null) =>
        new(taskId, queue, sagaId, "charge", 1, $$"""{"task":"{{taskId}}"}""", visibleAt ?? T0);
}
