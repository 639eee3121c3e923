using System.Net;
using System.Net.Sockets;
using OrleansSagas.Client;
using OrleansSagas.Client.Http;
using OrleansSagas.Engine;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Silo.Samples.ExpenseApproval;
using OrleansSagas.Silo.Samples.TravelBooking;

namespace OrleansSagas.IntegrationTests.Client;

/// <summary>Transport failures: failover between gateways, and retries that never duplicate a start or a signal.</summary>
public sealed class GatewayFailoverTests(HttpTestNodeFixture fixture) : IClassFixture<HttpTestNodeFixture>
{
    private HttpTestNode Node => fixture.Node;

    private static TripRequest Trip(string customer) => new(customer, 10m, "AMS", "LIS");

    [Fact]
    public async Task The_client_fails_over_to_the_second_gateway_when_the_first_is_down_and_stays_there()
    {
        var dead = DeadGateway();
        var client = Node.CreateClient(o =>
        {
            o.Gateway = dead;
            o.Gateways.Add(Node.BaseAddress);
        });

        var handle = await client.StartAsync("travel-booking", Trip("failover"));
        var saga = await client.WaitAsync(handle.Id, TimeSpan.FromSeconds(20));

        Assert.Equal(SagaStatus.Succeeded, saga.Status);
        Assert.Equal(Node.BaseAddress, client.CurrentGateway);
    }

    [Fact]
    public async Task With_every_gateway_down_a_call_fails_with_SagaGatewayUnavailableException_after_its_attempts()
    {
        var client = Node.CreateClient(o =>
        {
            o.Gateway = DeadGateway();
            o.Gateways.Add(DeadGateway());
            o.MaxAttempts = 3;
        });

        var error = await Assert.ThrowsAsync<SagaGatewayUnavailableException>(() => client.DescribeAsync("anything"));

        Assert.Contains("after 3 attempts", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_start_whose_answer_was_lost_is_retried_with_the_same_id_and_creates_one_saga()
    {
        var handler = new FaultyHandler(request => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/api/sagas", FaultyHandler.Fault.LoseAnswerAfterSending);
        var client = Node.CreateClient(handler: handler);
        var customer = "lost-answer-" + Guid.NewGuid().ToString("N")[..6];

        var result = await client.StartAsync("travel-booking", SagaJson.ToElement(Trip(customer)));

        Assert.Equal(2, handler.Attempts);
        Assert.Single(handler.StartedIds.Distinct());
        Assert.Equal(handler.StartedIds[0], result.Saga.Id);
        Assert.True(result.Created);
        var all = await client.ListAsync(definition: "travel-booking", limit: 1000);
        Assert.Single(all.Items, s => s.Input.GetProperty("customer").GetString() == customer);
    }

    [Fact]
    public async Task A_503_is_retried_for_any_call()
    {
        var handler = new FaultyHandler(request => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/signals/approve", StringComparison.Ordinal), FaultyHandler.Fault.Answer503WithoutSending);
        var client = Node.CreateClient(handler: handler);
        var handle = await client.StartAsync("expense-approval", new ExpenseClaim("eve", 1m, "pen"));

        await handle.SignalAsync("approve", new ApprovalDecision(true));

        Assert.Equal(2, handler.Attempts);
        Assert.Equal(SagaStatus.Succeeded, (await client.WaitAsync(handle.Id, TimeSpan.FromSeconds(20))).Status);
    }

    [Fact]
    public async Task A_signal_whose_answer_was_lost_is_not_retried_so_it_is_never_delivered_twice()
    {
        var handler = new FaultyHandler(request => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/signals/approve", StringComparison.Ordinal), FaultyHandler.Fault.LoseAnswerAfterSending);
        var client = Node.CreateClient(handler: handler);
        var handle = await client.StartAsync("expense-approval", new ExpenseClaim("eve", 1m, "pen"));

        var error = await Assert.ThrowsAsync<SagaGatewayUnavailableException>(() => handle.SignalAsync("approve", new ApprovalDecision(true)));

        Assert.Contains("not retried", error.Message);
        Assert.Equal(1, handler.Attempts);
        Assert.Equal(SagaStatus.Succeeded, (await client.WaitAsync(handle.Id, TimeSpan.FromSeconds(20))).Status);
        var history = await handle.GetHistoryAsync();
        var deliveries = history.Count(e => e.Type == "SignalBuffered" || (e.Type == "SignalConsumed" && !e.Data.GetProperty("fromBuffer").GetBoolean()));
        Assert.Equal(1, deliveries);
    }

    /// <summary>An address nothing listens on: a port just released by a listener.</summary>
    private static Uri DeadGateway()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>Fails the first matching request in a chosen way, then lets everything through.</summary>
    private sealed class FaultyHandler(Func<HttpRequestMessage, bool> matches, FaultyHandler.Fault fault) : DelegatingHandler(new SocketsHttpHandler())
    {
        public enum Fault { LoseAnswerAfterSending, Answer503WithoutSending }

        private int _attempts;

        public int Attempts => _attempts;
        public List<string> StartedIds { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!matches(request)) return await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath == "/api/sagas")
            {
                var body = System.Text.Json.JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement;
                lock (StartedIds) StartedIds.Add(body.GetProperty("id").GetString()!);
            }
            if (Interlocked.Increment(ref _attempts) > 1) return await base.SendAsync(request, cancellationToken);
            switch (fault)
            {
                case Fault.Answer503WithoutSending:
                    return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
                default:
                    using (await base.SendAsync(request, cancellationToken)) { }
                    throw new HttpRequestException(HttpRequestError.ResponseEnded, "The connection closed before the answer arrived.");
            }
        }
    }
}
