using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public abstract partial class CatalogConformanceTests
{
    private IDefinitionStore Definitions => Storage.Definitions;

    [Fact]
    public async Task The_first_registration_of_a_name_is_version_1()
    {
        var at = new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.FromHours(2));

        var (record, created) = await Definitions.PutAsync("travel", "asl", """{"StartAt":"A"}""", at);

        Assert.True(created);
        Assert.Equal(new DefinitionRecord("travel", 1, "asl", """{"StartAt":"A"}""", at), record);
        Assert.Equal(TimeSpan.Zero, record.CreatedAt.Offset);
        Assert.Equal(record, await Definitions.GetAsync("travel"));
    }

    [Fact]
    public async Task Registering_the_same_content_again_keeps_the_latest_version()
    {
        var (first, _) = await Definitions.PutAsync("travel", "asl", "{\"v\":1}", T0);

        var (again, created) = await Definitions.PutAsync("travel", "asl", "{\"v\":1}", T0.AddHours(1));

        Assert.False(created);
        Assert.Equal(first, again);
        Assert.Equal(T0, (await Definitions.GetAsync("travel"))!.CreatedAt);
    }

    [Fact]
    public async Task Changed_content_or_kind_makes_a_new_version()
    {
        await Definitions.PutAsync("travel", "asl", "{\"v\":1}", T0);

        var (second, secondCreated) = await Definitions.PutAsync("travel", "asl", "{\"v\":2}", T0.AddMinutes(1));
        var (third, thirdCreated) = await Definitions.PutAsync("travel", "yaml", "{\"v\":2}", T0.AddMinutes(2));
        var (back, backCreated) = await Definitions.PutAsync("travel", "asl", "{\"v\":1}", T0.AddMinutes(3));

        Assert.True(secondCreated && thirdCreated && backCreated);
        Assert.Equal([2, 3, 4], new[] { second.Version, third.Version, back.Version });
        Assert.Equal(new DefinitionRecord("travel", 3, "yaml", "{\"v\":2}", T0.AddMinutes(2)), third);
    }

    [Fact]
    public async Task A_definition_is_read_latest_or_by_version()
    {
        await Definitions.PutAsync("travel", "asl", "{\"v\":1}", T0);
        await Definitions.PutAsync("travel", "asl", "{\"v\":2}", T0.AddMinutes(1));

        Assert.Equal(new DefinitionRecord("travel", 2, "asl", "{\"v\":2}", T0.AddMinutes(1)), await Definitions.GetAsync("travel"));
        Assert.Equal(new DefinitionRecord("travel", 1, "asl", "{\"v\":1}", T0), await Definitions.GetAsync("travel", 1));
        Assert.Null(await Definitions.GetAsync("travel", 3));
        Assert.Null(await Definitions.GetAsync("travel", 0));
        Assert.Null(await Definitions.GetAsync("unknown"));
        Assert.Null(await Definitions.GetAsync("unknown", 1));
    }

    [Fact]
    public async Task The_latest_version_of_every_definition_is_listed_by_name()
    {
        Assert.Empty(await Definitions.ListLatestAsync());
        await Definitions.PutAsync("travel", "asl", "{\"v\":1}", T0);
        await Definitions.PutAsync("Payments", "asl", "{\"p\":1}", T0);
        await Definitions.PutAsync("travel", "asl", "{\"v\":2}", T0.AddMinutes(1));
        await Definitions.PutAsync("billing", "asl", "{\"b\":1}", T0);

        var latest = await Definitions.ListLatestAsync();

        Assert.Equal(["Payments", "billing", "travel"], latest.Select(d => d.Name));
        Assert.Equal([1, 1, 2], latest.Select(d => d.Version));
        Assert.Equal("{\"v\":2}", latest[2].Content);
    }

    [Fact]
    public async Task Concurrent_registrations_of_the_same_content_make_one_version()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => Definitions.PutAsync("travel", "asl", "{\"v\":1}", T0))));

        Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(1, r.Record.Version));
        Assert.Equal(1, (await Definitions.GetAsync("travel"))!.Version);
    }

    [Fact]
    public async Task Concurrent_registrations_of_different_content_get_distinct_versions()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => Definitions.PutAsync("travel", "asl", $$"""{"v":{{i}}}""", T0))));

        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(Enumerable.Range(1, 8), results.Select(r => r.Record.Version).Order());
        foreach (var (record, _) in results)
        {
            Assert.Equal(record, await Definitions.GetAsync("travel", record.Version));
        }
    }

    [Fact]
    public async Task A_definition_of_256_KiB_round_trips_unchanged()
    {
        var content = Json(256 * 1024, "Pass \u00e9\u00e8 ");

        var (record, _) = await Definitions.PutAsync("large", "asl", content, T0);
        var (again, created) = await Definitions.PutAsync("large", "asl", content, T0.AddMinutes(1));

        Assert.Equal(content, (await Definitions.GetAsync("large"))!.Content);
        Assert.False(created);
        Assert.Equal(record, again);
    }
}
