using System.Net;
using System.Text;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.Api;

/// <summary>Amazon States Language definitions registered and run over the HTTP API, like builder sagas.</summary>
public sealed class StateMachineApiTests : IAsyncLifetime
{
    private const string Greeter = """
    {
      "Comment": "Greets, or fails when asked to",
      "StartAt": "Route",
      "States": {
        "Route": { "Type": "Choice", "Choices": [ { "Variable": "$.fail", "BooleanEquals": true, "Next": "Refuse" } ], "Default": "Greet" },
        "Greet": { "Type": "Pass", "Parameters": { "greeting.$": "States.Format('Hello, {}!', $.name)" }, "End": true },
        "Refuse": { "Type": "Fail", "Error": "GreetingRefused", "Cause": "Asked to fail." }
      }
    }
    """;

    private HttpTestNode _node = null!;

    public async Task InitializeAsync() => _node = await HttpTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private Task<HttpResponseMessage> PutAsync(string name, string json) =>
        _node.Http.PutAsync($"/api/definitions/{name}", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Registering_returns_201_for_a_new_name_then_200_with_a_new_version_and_the_definition_reads_back()
    {
        using var created = await PutAsync("greeter", Greeter);
        using var unchanged = await PutAsync("greeter", Greeter);
        using var changed = await PutAsync("greeter", Greeter.Replace("Hello", "Hi", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, (await Json(changed)).GetProperty("version").GetInt32());
        var v1 = await Json(await _node.Http.GetAsync("/api/definitions/greeter?version=1"));
        Assert.Contains("Hello", v1.GetProperty("definition").GetRawText(), StringComparison.Ordinal);
        var list = await Json(await _node.Http.GetAsync("/api/definitions"));
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("name").GetString() == "greeter" && d.GetProperty("kind").GetString() == "asl");
    }

    [Fact]
    public async Task An_express_machine_keeps_its_type_and_its_executions_get_express_ids()
    {
        const string context = """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id"},"End":true}}}""";
        using var badType = await _node.Http.PutAsync("/api/definitions/ctx?type=FAST", new StringContent(context, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal("type", (await Json(badType)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.GetAsync("/api/definitions/ctx")).StatusCode);

        using var express = await _node.Http.PutAsync("/api/definitions/ctx?type=express", new StringContent(context, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, express.StatusCode);
        Assert.Equal("asl-express", (await Json(express)).GetProperty("kind").GetString());
        await _node.StartAsync("ctx", new { }, "x1");
        var saga = await _node.ResultAsync("x1");
        Assert.StartsWith("arn:aws:states:local:000000000000:express:ctx:x1:", saga.GetProperty("output").GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_definition_gets_400_listing_every_problem_with_its_JSON_path()
    {
        using var response = await PutAsync("broken", """{"StartAt":"Missing","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains(paths, p => p!.Contains("StartAt", StringComparison.Ordinal));
        Assert.Contains(paths, p => p!.Contains("$.States.A", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.GetAsync("/api/definitions/broken")).StatusCode);
        using var malformed = await PutAsync("broken", "{ not json");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("definition", (await Json(malformed)).GetProperty("field").GetString());
        using var tooLarge = await PutAsync("huge", "\"" + new string('x', 300 * 1024) + "\"");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        using var codeDefined = await PutAsync("travel-booking", Greeter);
        Assert.Equal(HttpStatusCode.Conflict, codeDefined.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Http.GetAsync("/api/definitions/greeter-unknown")).StatusCode);
    }

    [Fact]
    public async Task A_state_machine_runs_through_the_saga_API_with_Step_Functions_history_and_errors()
    {
        using var registered = await PutAsync("greeter-run", Greeter);
        Assert.True(registered.IsSuccessStatusCode);

        await _node.StartAsync("greeter-run", new { name = "Ada", fail = false }, "greet-ok");
        await _node.StartAsync("greeter-run", new { name = "Bob", fail = true }, "greet-fail");
        var ok = await _node.ResultAsync("greet-ok");
        var failed = await _node.ResultAsync("greet-fail");

        Assert.Equal("Succeeded", ok.GetProperty("status").GetString());
        Assert.Equal("Hello, Ada!", ok.GetProperty("output").GetProperty("greeting").GetString());
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Equal("GreetingRefused", failed.GetProperty("error").GetProperty("error").GetString());
        Assert.Equal("Asked to fail.", failed.GetProperty("error").GetProperty("cause").GetString());
        var history = await Json(await _node.Http.GetAsync("/api/sagas/greet-ok/history"));
        var types = history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], types);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
