using System.Net;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;
using static OrleansSagas.IntegrationTests.Infrastructure.TestSagas;

namespace OrleansSagas.IntegrationTests.Api;

/// <summary>Signals, cancel, paging and the operator actions on stuck sagas, over HTTP.</summary>
public sealed class SagaControlApiTests : IAsyncLifetime
{
    private HttpTestNode _node = null!;

    public async Task InitializeAsync() => _node = await HttpTestNode.StartAsync(sagas => sagas.AddTestSagas());

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static object Claim => new { employee = "eve", amount = 80, description = "train" };

    [Fact]
    public async Task A_signal_is_accepted_with_202_and_its_payload_drives_the_saga_to_success()
    {
        await _node.StartAsync("expense-approval", Claim, "claim-approved");

        using var response = await _node.PostJsonAsync("/api/sagas/claim-approved/signals/approve", """{"approved":true,"approver":"dan"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var saga = await _node.ResultAsync("claim-approved");
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal("PAID-claim-approved", saga.GetProperty("output").GetProperty("reference").GetString());
    }

    [Fact]
    public async Task A_rejecting_signal_unwinds_the_saga()
    {
        await _node.StartAsync("expense-approval", Claim, "claim-rejected");

        using var response = await _node.PostJsonAsync("/api/sagas/claim-rejected/signals/approve", """{"approved":false,"approver":"dan"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var saga = await _node.ResultAsync("claim-rejected");
        Assert.Equal("Compensated", saga.GetProperty("status").GetString());
        Assert.Equal("Rejected", saga.GetProperty("error").GetProperty("error").GetString());
        Assert.Contains("claim-rejected/record-expense/undo", _node.Steps.KeysOf("claim-rejected"));
    }

    [Fact]
    public async Task Cancel_is_accepted_with_202_and_undoes_what_was_done()
    {
        await _node.StartAsync("travel-booking", new { customer = "cy", amount = 5, from = "BER", to = "VIE", delaySeconds = 600 }, "trip-cancelled");
        await Eventually.True(async () => (await _node.GetJsonAsync("/api/sagas/trip-cancelled")).GetProperty("steps")
            .EnumerateArray().Any(s => s.GetProperty("name").GetString() == "wait" && s.GetProperty("status").GetString() == "Running"), "the trip waits");

        using var response = await _node.Http.PostAsync("/api/sagas/trip-cancelled/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var saga = await _node.ResultAsync("trip-cancelled");
        Assert.Equal("Cancelled", saga.GetProperty("status").GetString());
        var keys = _node.Steps.KeysOf("trip-cancelled");
        Assert.Contains("trip-cancelled/book-flight/undo", keys);
        Assert.Contains("trip-cancelled/book-hotel/undo", keys);
        Assert.Equal("trip-cancelled/process-payment/undo", keys[^1]);
        Assert.DoesNotContain("trip-cancelled/notify-customer", keys);
    }

    [Fact]
    public async Task The_result_endpoint_answers_a_running_saga_when_the_wait_ends()
    {
        await _node.StartAsync("expense-approval", Claim, "claim-waiting");

        var saga = await _node.GetJsonAsync("/api/sagas/claim-waiting/result?waitSeconds=0.2");

        Assert.Equal("Running", saga.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, saga.GetProperty("output").ValueKind);
    }

    [Fact]
    public async Task Paging_walks_every_saga_once_in_id_order_and_filters_by_status_and_definition()
    {
        var ids = Enumerable.Range(1, 5).Select(i => $"page-{i:00}").ToList();
        foreach (var id in ids) await _node.StartAsync(Instant, new { }, id);
        foreach (var id in ids) await _node.ResultAsync(id);

        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var query = $"/api/sagas?definition={Instant}&status=Succeeded&limit=2" + (after is null ? "" : $"&after={after}");
            var body = await _node.GetJsonAsync(query);
            var items = body.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            Assert.All(items, i => Assert.Equal(Instant, i.GetProperty("definition").GetString()));
            seen.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
            var next = body.GetProperty("next");
            if (next.ValueKind == JsonValueKind.Null) break;
            after = next.GetString();
        }

        Assert.Equal(ids, seen);
        var running = await _node.GetJsonAsync($"/api/sagas?definition={Instant}&status=Running");
        Assert.Empty(running.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task A_stuck_saga_is_retried_by_an_operator_until_its_undo_succeeds()
    {
        var undo = _node.Service<UndoSwitch>();
        await _node.StartAsync(FlakyUndo, new { }, "stuck-retried");
        var stuck = await _node.ResultAsync("stuck-retried");
        Assert.Equal("Stuck", stuck.GetProperty("status").GetString());
        Assert.Equal("reserve", stuck.GetProperty("stuckNode").GetString());

        undo.Failing = false;
        using var response = await _node.Http.PostAsync("/api/sagas/stuck-retried/stuck/reserve/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.True(async () => (await _node.GetJsonAsync("/api/sagas/stuck-retried")).GetProperty("status").GetString() == "Compensated", "the retried undo completes");
        var history = await _node.GetJsonAsync("/api/sagas/stuck-retried/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "StuckUndoRetried");
    }

    [Fact]
    public async Task A_stuck_saga_is_skipped_by_an_operator_and_finishes_unwinding()
    {
        await _node.StartAsync(FlakyUndo, new { }, "stuck-skipped");
        Assert.Equal("Stuck", (await _node.ResultAsync("stuck-skipped")).GetProperty("status").GetString());

        using var response = await _node.Http.PostAsync("/api/sagas/stuck-skipped/stuck/reserve/skip", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.True(async () => (await _node.GetJsonAsync("/api/sagas/stuck-skipped")).GetProperty("status").GetString() != "Stuck", "the skip is applied");
        var history = await _node.GetJsonAsync("/api/sagas/stuck-skipped/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "StuckUndoSkipped");
        Assert.Equal("Compensated", (await _node.GetJsonAsync("/api/sagas/stuck-skipped")).GetProperty("status").GetString());
    }
}
