namespace OrleansSagas.IntegrationTests.Infrastructure;

/// <summary>One <see cref="HttpTestNode"/> with the sample sagas shared by the tests of a class.</summary>
public sealed class HttpTestNodeFixture : IAsyncLifetime
{
    public HttpTestNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await HttpTestNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
