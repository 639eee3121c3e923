using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Client.Http;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Runtime;

namespace OrleansSagas.IntegrationTests.Api;

/// <summary>A node that owns no partition (as a cluster node may, for a given saga) answers 503 so callers retry elsewhere.</summary>
public sealed class NotOwnedApiTests : IAsyncLifetime
{
    private HttpTestNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await HttpTestNode.StartAsync(sagas => sagas.Services.AddSingleton<IPartitionOwnership, NoPartitions>());

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_saga_this_node_does_not_own_is_answered_503_with_retry_after()
    {
        using var response = await _node.PostJsonAsync("/api/sagas", """{"definition":"travel-booking","id":"elsewhere","input":{}}""");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Contains(SagaProblemTypes.Unavailable, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_client_retries_a_503_and_then_reports_the_gateway_unavailable()
    {
        var client = _node.CreateClient(o => o.MaxAttempts = 2);

        var error = await Assert.ThrowsAsync<SagaGatewayUnavailableException>(() => client.CancelAsync("elsewhere"));

        Assert.Contains("does not own partition", error.Message);
    }

    private sealed class NoPartitions : IPartitionOwnership
    {
        public IReadOnlyCollection<int> OwnedPartitions => [];
        public event Action<int>? PartitionAcquired { add { } remove { } }
        public event Action<int>? PartitionLost { add { } remove { } }
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public long? EpochOf(int partition) => null;
    }
}
