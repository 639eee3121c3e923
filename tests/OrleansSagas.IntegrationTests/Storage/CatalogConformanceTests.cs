using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

/// <summary>
/// The behaviour every provider of the catalog, history and definition registry must have. Each provider runs all of
/// it through a subclass that supplies a fresh, empty store. The tests are split over partial files by concern.
/// </summary>
public abstract partial class CatalogConformanceTests : IAsyncLifetime
{
    /// <summary>A fixed origin in whole seconds, so every provider round-trips times derived from it exactly.</summary>
    protected static readonly DateTimeOffset T0 = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    protected ISagaStorage Storage { get; private set; } = null!;

    protected ISagaCatalog Catalog => Storage.Catalog;

    /// <summary>The finest time step the provider keeps: one tick in memory and on SQLite, a microsecond on PostgreSQL.</summary>
    protected abstract TimeSpan TimePrecision { get; }

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
    public async Task An_unknown_saga_has_no_row_and_no_events()
    {
        Assert.Null(await Catalog.GetAsync("missing"));
        Assert.Empty(await Catalog.ReadEventsAsync("missing"));
    }

    [Fact]
    public async Task A_row_round_trips_every_field()
    {
        var full = Row("saga-1", 7, SagaStatus.Compensated) with
        {
            DefinitionVersion = 3,
            Output = """{"total":12.5}""",
            Error = """{"code":"Payment","message":"declined"}""",
            ParentId = "parent-1",
            Summary = """{"steps":{"pay":"Undone"}}""",
        };
        var bare = Row("saga-2", 1);

        await Catalog.WriteAsync([full, bare], []);

        Assert.Equal(full, await Catalog.GetAsync("saga-1"));
        var stored = await Catalog.GetAsync("saga-2");
        Assert.Equal(bare, stored);
        Assert.Null(stored!.Output);
        Assert.Null(stored.Error);
        Assert.Null(stored.ParentId);
        Assert.Null(stored.Summary);
    }

    [Fact]
    public async Task A_newer_version_replaces_the_row()
    {
        await Catalog.WriteAsync([Row("saga-1", 1)], []);
        var done = Row("saga-1", 4, SagaStatus.Succeeded) with { Output = "42", UpdatedAt = T0.AddMinutes(5) };

        await Catalog.WriteAsync([done], []);

        Assert.Equal(done, await Catalog.GetAsync("saga-1"));
    }

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_one()
    {
        var newer = Row("saga-1", 5, SagaStatus.Succeeded) with { Output = "\"new\"" };
        await Catalog.WriteAsync([newer], []);

        await Catalog.WriteAsync([Row("saga-1", 4, SagaStatus.Running)], []);
        await Catalog.WriteAsync([Row("saga-1", 1, SagaStatus.Failed)], []);

        Assert.Equal(newer, await Catalog.GetAsync("saga-1"));
    }

    [Fact]
    public async Task An_equal_version_is_ignored()
    {
        var first = Row("saga-1", 3) with { Summary = "\"first\"" };
        await Catalog.WriteAsync([first], []);

        await Catalog.WriteAsync([Row("saga-1", 3, SagaStatus.Stuck) with { Summary = "\"second\"" }], []);

        Assert.Equal(first, await Catalog.GetAsync("saga-1"));
    }

    [Fact]
    public async Task Rows_of_one_saga_in_one_batch_leave_the_newest()
    {
        var newest = Row("saga-1", 6, SagaStatus.Succeeded);

        await Catalog.WriteAsync([Row("saga-1", 2), newest, Row("saga-1", 4), Row("saga-2", 1)], []);

        Assert.Equal(newest, await Catalog.GetAsync("saga-1"));
        Assert.Equal(1, (await Catalog.GetAsync("saga-2"))!.Version);
    }

    [Fact]
    public async Task Events_come_back_in_sequence_order()
    {
        await Catalog.WriteAsync([], [Event("saga-1", 3), Event("saga-1", 1)]);
        await Catalog.WriteAsync([], [Event("saga-1", 2), Event("saga-2", 1)]);

        Assert.Equal([Event("saga-1", 1).Event, Event("saga-1", 2).Event, Event("saga-1", 3).Event], await Catalog.ReadEventsAsync("saga-1"));
        Assert.Equal([Event("saga-2", 1).Event], await Catalog.ReadEventsAsync("saga-2"));
    }

    [Fact]
    public async Task A_replayed_batch_changes_nothing()
    {
        var row = Row("saga-1", 2);
        SagaEventRecord[] events = [Event("saga-1", 1), Event("saga-1", 2)];
        await Catalog.WriteAsync([row], events);

        await Catalog.WriteAsync([row], events);
        await Catalog.WriteAsync([row with { Summary = "\"replayed\"" }], [Event("saga-1", 2, data: """{"replayed":true}""")]);

        Assert.Equal(row, await Catalog.GetAsync("saga-1"));
        Assert.Equal(events.Select(e => e.Event), await Catalog.ReadEventsAsync("saga-1"));
    }

    [Fact]
    public async Task Duplicate_events_in_one_batch_are_stored_once()
    {
        var first = Event("saga-1", 1);

        await Catalog.WriteAsync([], [first, Event("saga-1", 2), first, Event("saga-1", 1, data: """{"again":true}""")]);

        Assert.Equal([first.Event, Event("saga-1", 2).Event], await Catalog.ReadEventsAsync("saga-1"));
    }

    [Fact]
    public async Task Events_are_read_after_a_sequence()
    {
        await Catalog.WriteAsync([], [.. Enumerable.Range(1, 5).Select(i => Event("saga-1", i))]);

        Assert.Equal(5, (await Catalog.ReadEventsAsync("saga-1")).Count);
        Assert.Equal([3L, 4L, 5L], (await Catalog.ReadEventsAsync("saga-1", afterSequence: 2)).Select(e => e.Sequence));
        Assert.Empty(await Catalog.ReadEventsAsync("saga-1", afterSequence: 5));
        Assert.Empty(await Catalog.ReadEventsAsync("saga-1", afterSequence: 99));
    }

    [Fact]
    public async Task An_empty_batch_changes_nothing()
    {
        await Catalog.WriteAsync([], []);

        Assert.Empty((await Catalog.QueryAsync(new SagaQuery())).Items);
    }

    /// <summary>A catalog row at version <paramref name="version"/>, created at <see cref="T0"/>.</summary>
    protected static SagaRecord Row(string id, long version, SagaStatus status = SagaStatus.Running, string definition = "travel") => new()
    {
        Id = id,
        Definition = definition,
        DefinitionVersion = 1,
        Status = status,
        Input = """{"trip":"LIS"}""",
        Version = version,
        CreatedAt = T0,
        UpdatedAt = T0.AddSeconds(version),
    };

    /// <summary>Event <paramref name="sequence"/> of saga <paramref name="sagaId"/>, recorded <paramref name="sequence"/> seconds after <see cref="T0"/>.</summary>
    protected static SagaEventRecord Event(string sagaId, long sequence, string? data = null) =>
        new(sagaId, new StoredEvent(sequence, "StepSucceeded", T0.AddSeconds(sequence), data ?? $$"""{"node":"n{{sequence}}"}"""));
}
