using System.Net;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.Api;

public sealed class TravelBookingApiTests(HttpTestNodeFixture fixture) : IClassFixture<HttpTestNodeFixture>
{
    private HttpTestNode Node => fixture.Node;

    private static object Trip(string? failAt = null, int delaySeconds = 0) =>
        new { customer = "ann", amount = 420.5m, from = "AMS", to = "LIS", delaySeconds, failAt };

    [Fact]
    public async Task A_trip_succeeds_with_every_step_done_and_the_confirmation_as_output()
    {
        var started = await Node.StartAsync("travel-booking", Trip(), "trip-ok");
        Assert.Equal("trip-ok", started.GetProperty("id").GetString());

        var saga = await Node.ResultAsync("trip-ok");

        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal("travel-booking", saga.GetProperty("definition").GetString());
        Assert.Equal(1, saga.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, saga.GetProperty("error").ValueKind);
        Assert.StartsWith("Your trip AMS to LIS is booked", saga.GetProperty("output").GetProperty("message").GetString());
        var steps = saga.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["process-payment", "book-flight", "book-hotel", "wait", "notify-customer"], steps.Select(s => s.GetProperty("name").GetString()));
        Assert.All(steps, s => Assert.Equal("Succeeded", s.GetProperty("status").GetString()));
        Assert.All(steps, s => Assert.Equal(1, s.GetProperty("attempts").GetInt32()));
        Assert.True(saga.GetProperty("updatedAt").GetDateTimeOffset() >= saga.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_hotel_failure_compensates_the_flight_then_refunds_the_payment_last()
    {
        await Node.StartAsync("travel-booking", Trip(failAt: "book-hotel"), "trip-fail-hotel");

        var saga = await Node.ResultAsync("trip-fail-hotel");

        Assert.Equal("Compensated", saga.GetProperty("status").GetString());
        Assert.Equal("RequestedFailure", saga.GetProperty("error").GetProperty("error").GetString());
        var history = (await Node.GetJsonAsync("/api/sagas/trip-fail-hotel/history")).EnumerateArray().ToList();
        var sequences = history.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), sequences);
        Assert.All(history, e => Assert.True(e.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UnixEpoch));

        int Index(string type, string node) => history.FindIndex(e =>
            e.GetProperty("type").GetString() == type && e.GetProperty("data").TryGetProperty("node", out var n) && n.GetString() == node);
        var hotelFailed = Index("NodeFailed", "book-hotel");
        var paymentRefunded = Index("NodeUndone", "process-payment");
        Assert.True(hotelFailed >= 0, "the hotel failure is in the history");
        Assert.True(paymentRefunded > hotelFailed, "the refund comes after the hotel failure");
        if (Index("NodeSucceeded", "book-flight") >= 0)
        {
            var flightCancelled = Index("NodeUndone", "book-flight");
            Assert.True(flightCancelled > hotelFailed && flightCancelled < paymentRefunded, "the booked flight is cancelled before the refund");
        }
        Assert.Equal(-1, Index("NodeUndone", "book-hotel"));
        Assert.Equal("SagaFinished", history[^1].GetProperty("type").GetString());

        // The handlers ran in the same order: refund-payment is the last invocation of the saga.
        var keys = Node.Steps.KeysOf("trip-fail-hotel");
        Assert.Equal("trip-fail-hotel/process-payment/undo", keys[^1]);
        Assert.Contains("trip-fail-hotel/book-flight/undo", keys);
        Assert.DoesNotContain("trip-fail-hotel/book-hotel/undo", keys);
    }

    [Fact]
    public async Task Starting_again_with_the_same_id_and_input_returns_the_existing_saga_with_200()
    {
        var first = await Node.StartAsync("travel-booking", Trip(), "trip-twice");
        using var again = await Node.PostJsonAsync("/api/sagas",
            """{"definition":"travel-booking","id":"trip-twice","input":{"customer":"ann","amount":420.5,"from":"AMS","to":"LIS","delaySeconds":0}}""");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("trip-twice", body.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("createdAt").GetDateTimeOffset(), body.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_created_saga_answers_201_with_its_location_and_a_generated_id_when_none_is_given()
    {
        using var response = await Node.PostJsonAsync("/api/sagas", """{"definition":"travel-booking","input":{"customer":"bo","amount":10,"from":"OSL","to":"RIX"}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.Equal($"/api/sagas/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Succeeded", (await Node.ResultAsync(id!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_and_definitions_describe_the_node()
    {
        var health = await Node.GetJsonAsync("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(health.GetProperty("node").GetString()));

        var definitions = (await Node.GetJsonAsync("/api/definitions")).EnumerateArray().ToList();
        var travel = Assert.Single(definitions, d => d.GetProperty("name").GetString() == "travel-booking");
        Assert.Equal(1, travel.GetProperty("version").GetInt32());
        Assert.Equal("csharp", travel.GetProperty("kind").GetString());
        Assert.Contains(definitions, d => d.GetProperty("name").GetString() == "expense-approval");
    }
}
