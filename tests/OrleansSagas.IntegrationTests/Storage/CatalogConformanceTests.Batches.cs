using System.Text;
using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public abstract partial class CatalogConformanceTests
{
    [Fact]
    public async Task Times_come_back_in_utc_with_the_precision_the_provider_keeps()
    {
        // 23:59:58.1234564 at +02:00: a seventh digit under 5, so truncating and rounding to microseconds agree.
        var local = new DateTimeOffset(2031, 6, 30, 23, 59, 58, TimeSpan.FromHours(2)).AddTicks(1_234_564);
        var earlier = new DateTimeOffset(2031, 6, 30, 10, 0, 0, TimeSpan.FromHours(-5)).AddTicks(9_876_543);
        var row = Row("saga-1", 1) with { CreatedAt = earlier, UpdatedAt = local };

        await Catalog.WriteAsync([row], [new SagaEventRecord("saga-1", new StoredEvent(1, "SagaStarted", local, "{}"))]);

        var stored = await Catalog.GetAsync("saga-1");
        var e = Assert.Single(await Catalog.ReadEventsAsync("saga-1"));
        Assert.Equal(Kept(local), stored!.UpdatedAt.UtcTicks);
        Assert.Equal(Kept(earlier), stored.CreatedAt.UtcTicks);
        Assert.Equal(Kept(local), e.Timestamp.UtcTicks);
        Assert.All([stored.CreatedAt, stored.UpdatedAt, e.Timestamp], t => Assert.Equal(TimeSpan.Zero, t.Offset));
        Assert.True(TimePrecision <= TimeSpan.FromTicks(10), "Every provider keeps at least microseconds.");
    }

    [Fact]
    public async Task A_batch_of_500_rows_and_2000_events_is_written_in_one_call()
    {
        var records = Enumerable.Range(0, 500)
            .Select(i => Row($"saga-{i:D4}", 4, i % 5 == 0 ? SagaStatus.Succeeded : SagaStatus.Running))
            .ToList();
        var events = records.SelectMany(r => Enumerable.Range(1, 4).Select(seq => Event(r.Id, seq))).ToList();

        await Catalog.WriteAsync(records, events);

        var listed = new List<SagaRecord>();
        string? after = null;
        do
        {
            var page = await Catalog.QueryAsync(new SagaQuery(Limit: 1000, After: after));
            listed.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(records, listed);
        Assert.Equal(400, (await Catalog.ListRunningAsync(null, 1000)).Count);
        foreach (var id in new[] { "saga-0000", "saga-0257", "saga-0499" })
        {
            Assert.Equal(events.Where(e => e.SagaId == id).Select(e => e.Event), await Catalog.ReadEventsAsync(id));
        }

        // The same batch again is a no-op however large it is.
        await Catalog.WriteAsync(records, events);
        Assert.Equal(4, (await Catalog.ReadEventsAsync("saga-0499")).Count);
    }

    [Fact]
    public async Task Json_payloads_of_256_KiB_round_trip_unchanged()
    {
        var input = Json(256 * 1024, "input ");
        var output = Json(256 * 1024, "sortie é ");
        var summary = Json(256 * 1024, "\u00fcber \ud83d\ude80 ");
        var data = Json(256 * 1024, "\u65e5\u672c ");
        var row = Row("big", 2, SagaStatus.Succeeded) with { Input = input, Output = output, Error = data, Summary = summary };

        await Catalog.WriteAsync([row], [new SagaEventRecord("big", new StoredEvent(1, "SagaSucceeded", T0, data))]);

        var stored = await Catalog.GetAsync("big");
        Assert.Equal(input, stored!.Input);
        Assert.Equal(output, stored.Output);
        Assert.Equal(data, stored.Error);
        Assert.Equal(summary, stored.Summary);
        Assert.Equal(data, Assert.Single(await Catalog.ReadEventsAsync("big")).Data);
        Assert.Equal(data, (await Catalog.QueryAsync(new SagaQuery(SagaStatus.Succeeded))).Items[0].Error);
    }

    /// <summary>
    /// A batch lands whole or not at all: a failing event (null data, refused by the schema) leaves none of the batch's
    /// rows or events behind, and the catalog keeps working. Called by the SQL providers, whose schema refuses such an event.
    /// </summary>
    protected async Task AssertAFailingBatchLeavesNothingAsync()
    {
        await Catalog.WriteAsync([Row("kept", 1)], [Event("kept", 1)]);
        SagaEventRecord broken = new("saga-2", new StoredEvent(1, "StepSucceeded", T0, null!));

        await Assert.ThrowsAnyAsync<Exception>(() => Catalog.WriteAsync(
            [Row("kept", 2, SagaStatus.Succeeded), Row("saga-2", 1)],
            [Event("kept", 2), .. Enumerable.Range(1, 450).Select(i => Event("saga-3", i)), broken]));

        Assert.Equal(1, (await Catalog.GetAsync("kept"))!.Version);
        Assert.Null(await Catalog.GetAsync("saga-2"));
        Assert.Single(await Catalog.ReadEventsAsync("kept"));
        Assert.Empty(await Catalog.ReadEventsAsync("saga-3"));
        await Catalog.WriteAsync([Row("kept", 2, SagaStatus.Succeeded)], [Event("kept", 2)]);
        Assert.Equal(2, (await Catalog.ReadEventsAsync("kept")).Count);
    }

    /// <summary>The UTC ticks <paramref name="time"/> comes back with: truncated to <see cref="TimePrecision"/>.</summary>
    private long Kept(DateTimeOffset time) => time.UtcTicks - time.UtcTicks % TimePrecision.Ticks;

    /// <summary>A JSON object of about <paramref name="bytes"/> UTF-8 bytes whose one string repeats <paramref name="text"/>.</summary>
    private static string Json(int bytes, string text)
    {
        var body = new StringBuilder("{\"text\":\"");
        var size = Encoding.UTF8.GetByteCount(body.ToString()) + 2;
        var step = Encoding.UTF8.GetByteCount(text);
        for (; size < bytes; size += step)
        {
            body.Append(text);
        }

        return body.Append("\"}").ToString();
    }
}
