using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansSagas.Cluster;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Silo.Samples.ExpenseApproval;
using OrleansSagas.Silo.Samples.TravelBooking;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>Two nodes on PostgreSQL serving the HTTP API: calls for sagas the other node owns are forwarded over HTTP.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HttpForwardingTests : IAsyncLifetime
{
    private ClusterHttpNode _a = null!;
    private ClusterHttpNode _b = null!;

    public async Task InitializeAsync()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var database = await server.CreateDatabaseAsync("forwarding");
        _a = await ClusterHttpNode.StartAsync(database);
        _b = await ClusterHttpNode.StartAsync(database);
        await Eventually.True(() => _a.Runtime.Ownership.OwnedPartitions.Count == 4 && _b.Runtime.Ownership.OwnedPartitions.Count == 4,
            "the two nodes share the partitions", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_saga_started_through_a_node_that_does_not_own_it_runs_on_its_owner()
    {
        var id = OwnedBy(_b, "forwarded-trip");
        var started = await PostAsync(_a, "/api/sagas", new { definition = TravelBookingSaga.Name, id, input = new TripRequest("ada", 10m, "AMS", "LIS") });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());

        var saga = await _a.Http.GetFromJsonAsync<JsonElement>($"/api/sagas/{id}/result?waitSeconds=20");
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal(1, _b.Steps.Count($"{id}/{TravelBookingSaga.NotifyCustomer}"));
        Assert.Empty(_a.Steps.KeysOf(id));

        var again = await PostAsync(_a, "/api/sagas", new { definition = TravelBookingSaga.Name, id, input = new TripRequest("ada", 10m, "AMS", "LIS") });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var conflict = await PostAsync(_a, "/api/sagas", new { definition = TravelBookingSaga.Name, id, input = new TripRequest("bob", 99m, "AMS", "LIS") });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task Signals_and_operator_calls_through_the_other_node_reach_the_owner_and_errors_come_back_unchanged()
    {
        var id = OwnedBy(_a, "forwarded-expense");
        Assert.True((await PostAsync(_b, "/api/sagas", new { definition = ExpenseApprovalSaga.Name, id, input = new ExpenseClaim("kim", 12m, "taxi") })).IsSuccessStatusCode);
        await Eventually.True(() => _a.Steps.Count($"{id}/{ExpenseApprovalSaga.RecordExpense}") == 1, "the expense is recorded on its owner");

        var signal = await PostAsync(_b, $"/api/sagas/{id}/signals/{ExpenseApprovalSaga.ApproveSignal}", new { approver = "boss", approved = true });
        Assert.True(signal.IsSuccessStatusCode, await signal.Content.ReadAsStringAsync());
        var saga = await _b.Http.GetFromJsonAsync<JsonElement>($"/api/sagas/{id}/result?waitSeconds=20");
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal(1, _a.Steps.Count($"{id}/{ExpenseApprovalSaga.PayExpense}"));

        var missing = OwnedBy(_a, "nobody");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(_b, $"/api/sagas/{missing}/cancel", new { })).StatusCode);
    }

    [Fact]
    public async Task The_internal_endpoints_reject_bad_bodies_and_unknown_messages_by_name()
    {
        var garbage = await _a.Http.PostAsync("/internal/cluster/deliver", new StringContent("not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        var unknown = await PostAsync(_a, "/internal/cluster/deliver", new { sagaId = "x", type = "Nope", message = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown message type", await unknown.Content.ReadAsStringAsync());

        // A node asked for a saga it does not own answers 421, so the sender looks the owner up again.
        var elsewhere = OwnedBy(_b, "misdirected");
        var (type, body) = ClusterMessageCodec.Encode(new OrleansSagas.Engine.Messages.CancelSaga("test"));
        var misdirected = await PostAsync(_a, "/internal/cluster/deliver", new { sagaId = elsewhere, type, message = body });
        Assert.Equal(421, (int)misdirected.StatusCode);
    }

    private static string OwnedBy(ClusterHttpNode node, string prefix) =>
        Enumerable.Range(0, 10_000).Select(i => $"{prefix}-{i}").First(node.Runtime.Owns);

    private static Task<HttpResponseMessage> PostAsync(ClusterHttpNode node, string path, object body) =>
        node.Http.PostAsJsonAsync(path, body, SagaJson.Options);
}
