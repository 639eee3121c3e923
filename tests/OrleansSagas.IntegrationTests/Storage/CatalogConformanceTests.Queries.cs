using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public abstract partial class CatalogConformanceTests
{
    [Fact]
    public async Task A_query_pages_through_every_row_in_id_order_with_a_cursor()
    {
        // Ordinal order: digits, then upper case, then '_', then lower case; "10" before "9".
        string[] ids = ["b", "9", "_x", "A", "10", "a-2", "a-10"];
        await Catalog.WriteAsync([.. ids.Select(id => Row(id, 1))], []);

        var first = await Catalog.QueryAsync(new SagaQuery(Limit: 3));
        var second = await Catalog.QueryAsync(new SagaQuery(Limit: 3, After: first.Next));
        var third = await Catalog.QueryAsync(new SagaQuery(Limit: 3, After: second.Next));

        Assert.Equal(["10", "9", "A"], first.Items.Select(r => r.Id));
        Assert.Equal("A", first.Next);
        Assert.Equal(["_x", "a-10", "a-2"], second.Items.Select(r => r.Id));
        Assert.Equal("a-2", second.Next);
        Assert.Equal(["b"], third.Items.Select(r => r.Id));
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_row_has_no_cursor()
    {
        await Catalog.WriteAsync([Row("s1", 1), Row("s2", 1), Row("s3", 1), Row("s4", 1)], []);

        var first = await Catalog.QueryAsync(new SagaQuery(Limit: 2));
        var last = await Catalog.QueryAsync(new SagaQuery(Limit: 2, After: first.Next));

        Assert.Equal("s2", first.Next);
        Assert.Equal(["s3", "s4"], last.Items.Select(r => r.Id));
        Assert.Null(last.Next);
        Assert.Empty((await Catalog.QueryAsync(new SagaQuery(After: "s4"))).Items);
    }

    [Fact]
    public async Task A_query_filters_by_status_and_definition()
    {
        await Catalog.WriteAsync(
            [
                Row("s1", 1),
                Row("s2", 3, SagaStatus.Succeeded),
                Row("s3", 1, definition: "payments"),
                Row("s4", 2, SagaStatus.Succeeded, definition: "payments"),
                Row("s5", 1),
            ],
            []);

        Assert.Equal(["s1", "s3", "s5"], await Ids(new SagaQuery(Status: SagaStatus.Running)));
        Assert.Equal(["s3", "s4"], await Ids(new SagaQuery(Definition: "payments")));
        Assert.Equal(["s4"], await Ids(new SagaQuery(SagaStatus.Succeeded, "payments")));
        Assert.Empty(await Ids(new SagaQuery(SagaStatus.Stuck)));
        Assert.Empty(await Ids(new SagaQuery(Definition: "unknown")));
    }

    [Fact]
    public async Task Filtered_pages_follow_the_cursor()
    {
        await Catalog.WriteAsync(
            [.. Enumerable.Range(1, 9).Select(i => Row($"s{i}", 1, i % 3 == 0 ? SagaStatus.Failed : SagaStatus.Running))],
            []);

        var first = await Catalog.QueryAsync(new SagaQuery(SagaStatus.Running, Limit: 4));
        var second = await Catalog.QueryAsync(new SagaQuery(SagaStatus.Running, Limit: 4, After: first.Next));

        Assert.Equal(["s1", "s2", "s4", "s5"], first.Items.Select(r => r.Id));
        Assert.Equal(["s7", "s8"], second.Items.Select(r => r.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task A_query_sees_the_newest_status_of_a_row()
    {
        await Catalog.WriteAsync([Row("s1", 1), Row("s2", 1)], []);
        await Catalog.WriteAsync([Row("s1", 2, SagaStatus.Cancelled)], []);

        Assert.Equal(["s2"], await Ids(new SagaQuery(SagaStatus.Running)));
        Assert.Equal(["s1"], await Ids(new SagaQuery(SagaStatus.Cancelled)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task A_query_limit_outside_1_to_1000_is_refused(int limit)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Catalog.QueryAsync(new SagaQuery(Limit: limit)));
    }

    [Fact]
    public async Task A_query_limit_of_1_or_1000_is_accepted()
    {
        await Catalog.WriteAsync([Row("s1", 1), Row("s2", 1)], []);

        var one = await Catalog.QueryAsync(new SagaQuery(Limit: 1));
        var all = await Catalog.QueryAsync(new SagaQuery(Limit: 1000));

        Assert.Equal(["s1"], one.Items.Select(r => r.Id));
        Assert.Equal("s1", one.Next);
        Assert.Equal(2, all.Items.Count);
        Assert.Null(all.Next);
    }

    [Fact]
    public async Task Running_sagas_are_listed_in_id_order_page_by_page()
    {
        await Catalog.WriteAsync(
            [
                Row("r3", 1), Row("r1", 1), Row("done", 2, SagaStatus.Succeeded), Row("r2", 1),
                Row("stuck", 2, SagaStatus.Stuck), Row("r4", 1), Row("r0", 2, SagaStatus.Compensated),
            ],
            []);

        var first = await Catalog.ListRunningAsync(null, 2);
        var second = await Catalog.ListRunningAsync(first[^1], 2);
        var third = await Catalog.ListRunningAsync(second[^1], 2);

        Assert.Equal(["r1", "r2"], first);
        Assert.Equal(["r3", "r4"], second);
        Assert.Empty(third);
        Assert.Equal(["r1", "r2", "r3", "r4"], await Catalog.ListRunningAsync(null, 1000));
    }

    [Fact]
    public async Task A_saga_that_ends_leaves_the_running_list()
    {
        await Catalog.WriteAsync([Row("r1", 1), Row("r2", 1)], []);
        await Catalog.WriteAsync([Row("r1", 5, SagaStatus.TimedOut)], []);

        Assert.Equal(["r2"], await Catalog.ListRunningAsync(null, 10));
        Assert.Empty(await Catalog.ListRunningAsync("r2", 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task A_running_list_limit_outside_1_to_1000_is_refused(int limit)
    {
        await Catalog.WriteAsync([Row("r1", 1)], []);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Catalog.ListRunningAsync(null, limit));
    }

    private async Task<IEnumerable<string>> Ids(SagaQuery query) => (await Catalog.QueryAsync(query)).Items.Select(r => r.Id);
}
