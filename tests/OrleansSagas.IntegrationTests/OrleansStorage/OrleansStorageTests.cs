using Orleans.Runtime;
using Orleans.Storage;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

/// <summary>
/// The Orleans ADO.NET grain storage and reminder providers on our schema, through a real silo: what a grain sees and what
/// the provider contracts require (ETag conflicts, reminder ETags and hash ranges).
/// </summary>
public abstract class OrleansStorageTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : OrleansSiloFixture
{
    private const string GrainType = "storageprobe";

    private static readonly Orleans.Runtime.GrainType ProbeType = Orleans.Runtime.GrainType.Create(GrainType);

    protected TFixture Fixture { get; } = fixture;

    private static string Key(string name) => $"{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_grain_writes_reads_and_clears_its_state()
    {
        var grain = Fixture.Grains.GetGrain<IStorageProbeGrain>(Key("round-trip"));

        Assert.Null(await grain.GetValue());
        await grain.SetValue("first");
        await grain.SetValue("second");
        Assert.Equal("second", await grain.GetValue());

        await grain.ClearValue();
        Assert.Null(await grain.GetValue());
        await grain.SetValue("after clear");
        Assert.Equal("after clear", await grain.GetValue());
    }

    [Fact]
    public async Task A_grain_activated_again_reads_the_state_it_wrote()
    {
        var grain = Fixture.Grains.GetGrain<IStorageProbeGrain>(Key("reactivate"));
        await grain.SetValue("kept");
        var first = await grain.GetActivation();

        await grain.Deactivate();
        await Eventually.True(async () => await grain.GetActivation() != first, "the grain is activated again");

        Assert.Equal("kept", await grain.GetValue());
    }

    [Fact]
    public async Task Storage_round_trip_tracks_etags_and_record_existence()
    {
        var storage = Fixture.Storage;
        var id = GrainId.Create(GrainType, Key("storage"));

        var missing = new GrainState<StorageProbeState>(new StorageProbeState());
        await storage.ReadStateAsync(GrainType, id, missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);

        var state = new GrainState<StorageProbeState>(new StorageProbeState { Value = "v1" });
        await storage.WriteStateAsync(GrainType, id, state);
        Assert.Equal("1", state.ETag);
        state.State!.Value = "v2";
        await storage.WriteStateAsync(GrainType, id, state);
        Assert.Equal("2", state.ETag);

        var read = await ReadAsync(id);
        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal("v2", read.State!.Value);

        await storage.ClearStateAsync(GrainType, id, read);
        Assert.False(read.RecordExists);
        Assert.Equal("3", read.ETag);

        var cleared = await ReadAsync(id);
        Assert.False(cleared.RecordExists);
        Assert.Equal("3", cleared.ETag);
        Assert.Null(cleared.State!.Value);
    }

    [Fact]
    public async Task A_storage_that_deletes_on_clear_removes_the_row_and_starts_over()
    {
        var storage = Fixture.DeletingStorage;
        var id = GrainId.Create(GrainType, Key("delete"));
        var state = new GrainState<StorageProbeState>(new StorageProbeState { Value = "v1" });
        await storage.WriteStateAsync(GrainType, id, state);
        await storage.WriteStateAsync(GrainType, id, state);
        var stale = new GrainState<StorageProbeState>(new StorageProbeState()) { ETag = "1", RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, id, stale));
        await storage.ClearStateAsync(GrainType, id, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0L, Convert.ToInt64(await Fixture.ScalarAsync(
            $"SELECT count(*) FROM OrleansStorage WHERE GrainTypeString = '{GrainType}' AND GrainIdExtensionString = '{id.Key}'")));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(GrainType, id, new GrainState<StorageProbeState>(new StorageProbeState { Value = "stale" }) { ETag = "2" }));
        var again = new GrainState<StorageProbeState>(new StorageProbeState { Value = "again" });
        await storage.WriteStateAsync(GrainType, id, again);
        Assert.Equal("1", again.ETag);
        Assert.Equal("again", (await ReadAsync(id)).State!.Value);
    }

    [Fact]
    public async Task A_second_write_with_the_same_stale_etag_conflicts_and_leaves_the_row_unchanged()
    {
        var storage = Fixture.Storage;
        var id = GrainId.Create(GrainType, Key("conflict"));
        var original = new GrainState<StorageProbeState>(new StorageProbeState { Value = "original" });
        await storage.WriteStateAsync(GrainType, id, original);

        var winner = new GrainState<StorageProbeState>(new StorageProbeState { Value = "winner" }) { ETag = original.ETag };
        var loser = new GrainState<StorageProbeState>(new StorageProbeState { Value = "loser" }) { ETag = original.ETag };
        await storage.WriteStateAsync(GrainType, id, winner);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, id, loser));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, id, loser));

        var stored = await ReadAsync(id);
        Assert.Equal("winner", stored.State!.Value);
        Assert.Equal("2", stored.ETag);
        Assert.Equal(1L, Convert.ToInt64(await Fixture.ScalarAsync(
            $"SELECT count(*) FROM OrleansStorage WHERE GrainTypeString = '{GrainType}' AND GrainIdExtensionString = '{id.Key}'")));
    }

    [Fact]
    public async Task Two_first_writes_of_one_grain_conflict()
    {
        var storage = Fixture.Storage;
        var id = GrainId.Create(GrainType, Key("first-write"));
        await storage.WriteStateAsync(GrainType, id, new GrainState<StorageProbeState>(new StorageProbeState { Value = "one" }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(GrainType, id, new GrainState<StorageProbeState>(new StorageProbeState { Value = "two" })));

        Assert.Equal("one", (await ReadAsync(id)).State!.Value);
    }

    [Fact]
    public async Task Concurrent_writes_with_one_etag_let_exactly_one_win()
    {
        var storage = Fixture.Storage;
        var id = GrainId.Create(GrainType, Key("race"));

        // First writes (no ETag) racing, then writes racing with the ETag of that first version.
        foreach (var etag in new string?[] { null, "1" })
        {
            var writers = Enumerable.Range(0, 16)
                .Select(i => new GrainState<StorageProbeState>(new StorageProbeState { Value = $"{etag}-{i}" }) { ETag = etag })
                .ToArray();
            var outcomes = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
            {
                try
                {
                    await storage.WriteStateAsync(GrainType, id, writer);
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            })));

            var winner = writers[Assert.Single(outcomes.Select((won, i) => (won, i)), o => o.won).i];
            var stored = await ReadAsync(id);
            Assert.Equal(winner.State!.Value, stored.State!.Value);
            Assert.Equal(etag is null ? "1" : "2", stored.ETag);
        }
    }

    [Fact]
    public async Task Many_grains_writing_at_once_all_succeed()
    {
        var storage = Fixture.Storage;
        var ids = Enumerable.Range(0, 64).Select(i => GrainId.Create(GrainType, Key($"many-{i}"))).ToArray();

        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            var state = new GrainState<StorageProbeState>(new StorageProbeState());
            for (var write = 1; write <= 10; write++)
            {
                state.State!.Value = $"write {write}";
                await storage.WriteStateAsync(GrainType, id, state);
                Assert.Equal(write.ToString(System.Globalization.CultureInfo.InvariantCulture), state.ETag);
            }
        })));

        foreach (var id in ids)
        {
            Assert.Equal("write 10", (await ReadAsync(id)).State!.Value);
        }
    }

    [Fact]
    public async Task Keys_differing_only_in_their_extension_have_separate_states()
    {
        var guid = Guid.NewGuid();
        GrainId[] ids =
        [
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(ProbeType, IdSpan.Create($"{guid:N}+")),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateGuidKey(guid, "x")),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateIntegerKey(42, Key("ext"))),
        ];

        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            var state = new GrainState<StorageProbeState>(new StorageProbeState { Value = $"state {index}" });
            await Fixture.Storage.WriteStateAsync(GrainType, id, state);
            Assert.Equal("1", state.ETag);
        }

        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            Assert.Equal($"state {index}", (await ReadAsync(id)).State!.Value);
        }
    }

    [Fact]
    public async Task Reminders_are_registered_read_back_fired_and_unregistered()
    {
        var key = Key("reminders");
        var grain = Fixture.Grains.GetGrain<IStorageProbeGrain>(key);

        await grain.AddReminder("tick", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
        await grain.AddReminder("other", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        Assert.Equal("tick", await grain.GetReminderName("tick"));
        Assert.Null(await grain.GetReminderName("missing"));
        Assert.Equal(["other", "tick"], await grain.GetReminderNames());

        await Eventually.True(
            () => StorageProbeGrain.Ticks.GetValueOrDefault($"{key}/tick") >= 2, "the reminder fired twice", TimeSpan.FromSeconds(30));

        await grain.RemoveReminder("tick");
        Assert.Null(await grain.GetReminderName("tick"));
        Assert.Equal(["other"], await grain.GetReminderNames());
    }

    [Fact]
    public async Task The_reminder_table_honours_etags_and_hash_ranges()
    {
        var table = Fixture.ReminderTable;
        var id = GrainId.Create(GrainType, Key("table"));
        var start = new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        var entry = new ReminderEntry { GrainId = id, ReminderName = "r", StartAt = start, Period = TimeSpan.FromDays(40) };

        var etag = await table.UpsertRow(entry);
        var read = await table.ReadRow(id, "r");
        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(start, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromDays(40), read.Period);
        Assert.Equal(id, read.GrainId);

        var updated = await table.UpsertRow(entry);
        Assert.NotEqual(etag, updated);
        Assert.Single((await table.ReadRows(id)).Reminders);

        var hash = id.GetUniformHashCode();
        if ((int)hash != int.MinValue)
        {
            Assert.Contains(await RangeAsync(unchecked(hash - 1), hash), e => e.GrainId == id);
        }

        Assert.DoesNotContain(await RangeAsync(hash, unchecked(hash + 1)), e => e.GrainId == id);
        Assert.Contains(await RangeAsync(hash, hash), e => e.GrainId == id);
        Assert.DoesNotContain(await RangeAsync(hash, unchecked(hash - 1)), e => e.GrainId == id);

        Assert.False(await table.RemoveRow(id, "r", etag!));
        Assert.NotNull(await table.ReadRow(id, "r"));
        Assert.True(await table.RemoveRow(id, "r", updated!));
        Assert.Null(await table.ReadRow(id, "r"));
        Assert.Empty((await table.ReadRows(id)).Reminders);

        async Task<IEnumerable<ReminderEntry>> RangeAsync(uint begin, uint end) => (await table.ReadRows(begin, end)).Reminders;
    }

    private async Task<GrainState<StorageProbeState>> ReadAsync(GrainId id)
    {
        var state = new GrainState<StorageProbeState>(new StorageProbeState());
        await Fixture.Storage.ReadStateAsync(GrainType, id, state);
        return state;
    }
}
