using System.Net;
using System.Text;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.Api;

/// <summary>A node configured by AddOrleansSagasNode also runs Amazon States Language machines registered over HTTP.</summary>
public sealed class StateMachineApiTests(HttpTestNodeFixture fixture) : IClassFixture<HttpTestNodeFixture>
{
    [Fact]
    public async Task A_state_machine_registered_over_http_is_listed_and_runs_through_the_saga_api()
    {
        var node = fixture.Node;
        const string machine = """{"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Result":{"greeting":"hello"},"End":true}}}""";

        using var registered = await node.Http.PutAsync("/api/definitions/greeter", new StringContent(machine, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var definitions = await node.GetJsonAsync("/api/definitions");
        Assert.Contains(definitions.EnumerateArray(), d => d.GetProperty("name").GetString() == "greeter" && d.GetProperty("kind").GetString() == "asl");
        await node.StartAsync("greeter", new { }, "greet-1");
        var saga = await node.ResultAsync("greet-1");
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal("hello", saga.GetProperty("output").GetProperty("greeting").GetString());
    }
}
