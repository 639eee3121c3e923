using Microsoft.Extensions.Hosting;
using OrleansSagas.Runtime;

namespace OrleansSagas.Hosting;

/// <summary>Starts the node's saga runtime with the host and stops it gracefully.</summary>
internal sealed class SagaRuntimeHostedService(SagaRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
