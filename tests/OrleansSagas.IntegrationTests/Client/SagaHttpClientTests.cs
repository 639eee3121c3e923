using OrleansSagas.Client;
using OrleansSagas.Client.Http;
using OrleansSagas.Engine;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Silo.Samples.ExpenseApproval;
using OrleansSagas.Silo.Samples.TravelBooking;

namespace OrleansSagas.IntegrationTests.Client;

/// <summary>The .NET client against the real server: every call, and errors mapped back to saga exceptions.</summary>
public sealed class SagaHttpClientTests(HttpTestNodeFixture fixture) : IClassFixture<HttpTestNodeFixture>
{
    private HttpTestNode Node => fixture.Node;

    private static TripRequest Trip(int delaySeconds = 0) => new("ann", 99m, "AMS", "LIS", delaySeconds);

    [Fact]
    public async Task Start_status_result_and_history_through_a_typed_handle()
    {
        var client = Node.CreateClient();

        var handle = await client.StartAsync("travel-booking", Trip(), "client-trip");
        var confirmation = await handle.GetResultAsync<TripConfirmation>();
        var status = await handle.GetStatusAsync();
        var history = await handle.GetHistoryAsync();

        Assert.Equal("client-trip", handle.Id);
        Assert.Equal("ann", confirmation.Customer);
        Assert.StartsWith("FL-", confirmation.Flight);
        Assert.Equal(SagaStatus.Succeeded, status.Status);
        Assert.Equal("travel-booking", status.Definition);
        Assert.Equal("ann", status.Input.GetProperty("customer").GetString());
        Assert.All(status.Steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Null(status.Error);
        Assert.Equal("SagaStarted", history[0].Type);
        Assert.Equal("SagaFinished", history[^1].Type);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.Sequence));
    }

    [Fact]
    public async Task A_second_start_with_the_same_id_and_input_reports_the_existing_saga()
    {
        var client = Node.CreateClient();

        var first = await client.StartAsync("travel-booking", SagaJson.ToElement(Trip()), "client-twice");
        var second = await client.StartAsync("travel-booking", SagaJson.ToElement(Trip()), "client-twice");

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Saga.CreatedAt, second.Saga.CreatedAt);
    }

    [Fact]
    public async Task Signal_drives_a_waiting_saga_and_wait_returns_it_terminal()
    {
        var client = Node.CreateClient();
        var handle = await client.StartAsync("expense-approval", new ExpenseClaim("eve", 30m, "hotel"), "client-claim");
        var waiting = await client.WaitAsync(handle.Id, TimeSpan.FromMilliseconds(100));
        Assert.Equal(SagaStatus.Running, waiting.Status);
        Assert.Null(waiting.Output);

        await handle.SignalAsync("approve", new ApprovalDecision(true, "dan"));
        var done = await client.WaitAsync(handle.Id, TimeSpan.FromSeconds(20));

        Assert.Equal(SagaStatus.Succeeded, done.Status);
        Assert.Equal("PAID-client-claim", done.Output!.Value.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Cancel_ends_the_saga_cancelled_and_GetResult_throws_SagaFailedException()
    {
        var client = Node.CreateClient();
        var handle = await client.StartAsync("travel-booking", Trip(delaySeconds: 600), "client-cancel");
        await Eventually.True(async () => (await handle.GetStatusAsync()).Steps.Single(s => s.Name == "wait").Status == StepStatus.Running, "the trip waits");

        await handle.CancelAsync();
        var failed = await Assert.ThrowsAsync<SagaFailedException>(() => handle.GetResultAsync<TripConfirmation>());

        Assert.Equal(SagaStatus.Cancelled, failed.Status);
        Assert.Equal("Sagas.Cancelled", failed.Saga.Error?.Error);
    }

    [Fact]
    public async Task List_and_definitions_come_back_typed()
    {
        var client = Node.CreateClient();
        await client.StartAsync("travel-booking", Trip(), "client-list-1");
        await client.WaitAsync("client-list-1", TimeSpan.FromSeconds(20));

        var definitions = await client.ListDefinitionsAsync();
        var page = await client.ListAsync(SagaStatus.Succeeded, "travel-booking", limit: 1000);

        Assert.Contains(definitions, d => d is { Name: "travel-booking", Version: 1, Kind: "csharp" });
        Assert.Contains(page.Items, s => s.Id == "client-list-1");
        Assert.All(page.Items, s => Assert.Equal(SagaStatus.Succeeded, s.Status));
    }

    [Fact]
    public async Task Errors_come_back_as_the_saga_exceptions_of_the_in_process_client()
    {
        var client = Node.CreateClient();
        await client.StartAsync("travel-booking", Trip(), "client-errors");

        var notFound = await Assert.ThrowsAsync<SagaNotFoundException>(() => client.DescribeAsync("nobody-here"));
        var noDefinition = await Assert.ThrowsAsync<DefinitionNotFoundException>(() => client.StartAsync("no-such-saga", SagaJson.ToElement(Trip())));
        var conflict = await Assert.ThrowsAsync<SagaConflictException>(() => client.StartAsync("travel-booking", SagaJson.ToElement(Trip(5)), "client-errors"));
        var badId = await Assert.ThrowsAsync<SagaInputException>(() => client.StartAsync("travel-booking", SagaJson.ToElement(Trip()), "two words"));
        var tooLarge = await Assert.ThrowsAsync<SagaInputException>(() => client.StartAsync("travel-booking", SagaJson.ToElement(new { customer = new string('x', 263_000) })));
        var badLimit = await Assert.ThrowsAsync<SagaInputException>(() => client.ListAsync(limit: 0));

        Assert.Equal("nobody-here", notFound.SagaId);
        Assert.Equal("no-such-saga", noDefinition.Definition);
        Assert.Equal("client-errors", conflict.SagaId);
        Assert.Equal("id", badId.Field);
        Assert.True(tooLarge.TooLarge);
        Assert.Equal("limit", badLimit.Field);
        await Assert.ThrowsAsync<SagaNotFoundException>(() => client.SignalAsync("nobody-here", "approve", SagaJson.ToElement(1)));
        await Assert.ThrowsAsync<SagaNotFoundException>(() => client.CancelAsync("nobody-here"));
    }
}
