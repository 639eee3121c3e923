using System.Net;
using System.Text;
using System.Text.Json;
using OrleansSagas.Client;
using OrleansSagas.Hosting;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Schedules;
using OrleansSagas.Silo.Samples.TravelBooking;

namespace OrleansSagas.IntegrationTests.Api;

/// <summary>Schedules over the HTTP API and the HTTP client, on a node that also declares one in code.</summary>
public sealed class ScheduleApiTests : IAsyncLifetime
{
    private const string Hello = """{"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('Hello, {}!', $.name)","at.$":"$.scheduledAt"},"End":true}}}""";
    private const string Yearly = """{"definition":"hello","input":{"name":"Ada"},"cron":"0 0 1 1 *","timeZone":"Europe/Berlin"}""";

    private HttpTestNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await HttpTestNode.StartAsync(sagas => sagas.AddSchedule("new-year-trip", new ScheduleSpec
        {
            Definition = TravelBookingSaga.Name,
            Input = SagaJson.ToElement(new TripRequest("ann", 1m, "AMS", "LIS", 0)),
            Cron = "0 0 1 1 *",
        }));
        using var registered = await PutAsync("/api/definitions/hello", Hello);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private Task<HttpResponseMessage> PutAsync(string path, string json) =>
        _node.Http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task A_schedule_is_created_triggered_paused_resumed_listed_and_deleted_over_HTTP()
    {
        using var created = await PutAsync("/api/schedules/hello-yearly", Yearly);
        using var unchanged = await PutAsync("/api/schedules/hello-yearly", Yearly);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        var schedule = await Json(created);
        Assert.Equal("Active", schedule.GetProperty("status").GetString());
        Assert.Equal(5, schedule.GetProperty("nextOccurrences").GetArrayLength());
        Assert.Equal("Europe/Berlin", schedule.GetProperty("spec").GetProperty("timeZone").GetString());

        using var triggered = await _node.PostJsonAsync("/api/schedules/hello-yearly/trigger", "");
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        var run = await Json(triggered);
        Assert.Equal("Started", run.GetProperty("outcome").GetString());
        var sagaId = run.GetProperty("sagaId").GetString()!;
        Assert.StartsWith("hello-yearly@", sagaId, StringComparison.Ordinal);

        var result = await Json(await _node.Http.GetAsync($"/api/sagas/{sagaId}/result?waitSeconds=10"));
        Assert.Equal("Hello, Ada!", result.GetProperty("output").GetProperty("greeting").GetString());
        Assert.Equal("hello-yearly", result.GetProperty("input").GetProperty("scheduleName").GetString());
        var listed = await Json(await _node.Http.GetAsync("/api/sagas?schedule=hello-yearly"));
        Assert.Equal([sagaId], listed.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()));

        var paused = await Json(await _node.PostJsonAsync("/api/schedules/hello-yearly/pause?note=maintenance", ""));
        Assert.Equal("Paused", paused.GetProperty("status").GetString());
        Assert.Equal("paused: maintenance", paused.GetProperty("note").GetString());
        Assert.Equal(0, paused.GetProperty("nextOccurrences").GetArrayLength());
        var resumed = await Json(await _node.PostJsonAsync("/api/schedules/hello-yearly/resume", ""));
        Assert.Equal("Active", resumed.GetProperty("status").GetString());
        var described = await Json(await _node.Http.GetAsync("/api/schedules/hello-yearly"));
        var lastRun = described.GetProperty("runs")[0];
        Assert.Equal(sagaId, lastRun.GetProperty("sagaId").GetString());
        Assert.Equal("Succeeded", lastRun.GetProperty("sagaStatus").GetString());

        var all = await Json(await _node.Http.GetAsync("/api/schedules"));
        Assert.Equal(["hello-yearly", "new-year-trip"], all.EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        using var deleted = await _node.Http.DeleteAsync("/api/schedules/hello-yearly");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await _node.Http.GetAsync("/api/schedules/hello-yearly");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("name", (await Json(gone)).GetProperty("field").GetString());
        Assert.Equal(["new-year-trip"], (await Json(await _node.Http.GetAsync("/api/schedules"))).EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        // The saga it started is left alone.
        Assert.Equal(HttpStatusCode.OK, (await _node.Http.GetAsync($"/api/sagas/{sagaId}")).StatusCode);
    }

    [Fact]
    public async Task A_bad_schedule_is_refused_with_every_problem_named_and_nothing_stored_changes()
    {
        using var stable = await PutAsync("/api/schedules/stable", Yearly);
        Assert.Equal(HttpStatusCode.Created, stable.StatusCode);
        const string bad = """{"definition":"nope","cron":"61 * * *","timeZone":"Mars/Olympus","overlap":"sometimes","catchUpWindow":"soon","paused":"yes","maxRuns":0,"extra":1}""";

        using var refused = await PutAsync("/api/schedules/stable", bad);
        using var refusedNew = await PutAsync("/api/schedules/never", bad);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await Json(refused);
        Assert.Equal("urn:orleanssagas:problem:invalid-request", problem.GetProperty("type").GetString());
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Equal(["extra", "overlap", "catchUpWindow", "paused", "cron", "timeZone", "maxRuns", "definition"], fields);
        Assert.Contains("Mars/Olympus", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refusedNew.StatusCode);
        var kept = await Json(await _node.Http.GetAsync("/api/schedules/stable"));
        Assert.Equal("0 0 1 1 *", kept.GetProperty("spec").GetProperty("cron").GetString());
        Assert.Equal("hello", kept.GetProperty("spec").GetProperty("definition").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.GetAsync("/api/schedules/never")).StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/api/schedules/stable", "{", 400, "body")]
    [InlineData("PUT", "/api/schedules/stable", """{"definition":"hello","every":"00:00:05","cron":"* * * * *"}""", 400, "every")]
    [InlineData("PUT", "/api/schedules/stable", """{"definition":"hello","every":"00:00:05","input":[1]}""", 400, "input")]
    [InlineData("PUT", "/api/schedules/two%20words", """{"definition":"hello","every":"00:00:05"}""", 400, "name")]
    [InlineData("GET", "/api/schedules/nobody", "", 404, "name")]
    [InlineData("POST", "/api/schedules/nobody/trigger", "", 404, "name")]
    [InlineData("POST", "/api/schedules/nobody/pause", "", 404, "name")]
    [InlineData("DELETE", "/api/schedules/nobody", "", 404, "name")]
    [InlineData("GET", "/api/sagas?schedule=x&definition=y", "", 400, "schedule")]
    public async Task A_bad_schedule_call_is_answered_with_a_problem_naming_the_field(string method, string path, string body, int status, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "PUT" or "POST") request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _node.Http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(field, (await Json(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_HTTP_client_manages_schedules_like_the_grain_client()
    {
        var client = _node.CreateClient();
        var spec = new ScheduleSpec { Definition = "hello", Input = SagaJson.Parse("""{"name":"Bo"}"""), Every = TimeSpan.FromDays(1), Overlap = ScheduleOverlapPolicy.BufferOne, Paused = true };

        var created = await client.PutScheduleAsync("daily-hello", spec);
        Assert.True(created.Created);
        Assert.Equal(ScheduleStatus.Paused, created.Schedule.Status);
        Assert.Equal(ScheduleOverlapPolicy.BufferOne, created.Schedule.Spec.Overlap);
        Assert.False((await client.PutScheduleAsync("daily-hello", spec)).Created);
        var run = await client.TriggerScheduleAsync("daily-hello");
        Assert.Equal(ScheduleRunOutcome.Started, run.Outcome);
        Assert.Equal("Hello, Bo!", (await client.WaitAsync(run.SagaId!, TimeSpan.FromSeconds(10))).Output?.GetProperty("greeting").GetString());
        Assert.Equal([run.SagaId], (await client.ListScheduleSagasAsync("daily-hello")).Items.Select(s => s.Id));

        var refused = await Assert.ThrowsAsync<ScheduleSpecException>(() => client.PutScheduleAsync("daily-hello", spec with { Cron = "bad", TimeZone = "Nowhere" }));
        Assert.Equal(["every", "timeZone"], refused.Problems.Select(p => p.Field).Order());
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => client.DescribeScheduleAsync("nobody"));
        await client.DeleteScheduleAsync("daily-hello");
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => client.DescribeScheduleAsync("daily-hello"));
    }
}
