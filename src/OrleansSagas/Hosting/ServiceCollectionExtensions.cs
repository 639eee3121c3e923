using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSagas.Client;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;

namespace OrleansSagas.Hosting;

/// <summary>Registers a saga node in a service collection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the saga runtime of one node: the runtime (started by a hosted service), the in-process
    /// <see cref="ISagaClient"/>, and in-memory storage unless a provider was registered (UseSqliteStorage, UsePostgreSqlStorage).
    /// </summary>
    public static IServiceCollection AddOrleansSagas(this IServiceCollection services, Action<OrleansSagasBuilder>? configure = null)
    {
        services.AddOptions<SagaRuntimeOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISagaStorage, InMemorySagaStorage>();
        services.TryAddSingleton<IPartitionOwnership, SingleNodeOwnership>();
        services.TryAddSingleton<SagaDefinitionRegistry>();
        services.TryAddSingleton<SagaRuntime>();
        services.TryAddSingleton<ISagaClient, LocalSagaClient>();
        services.AddHostedService<SagaRuntimeHostedService>();
        configure?.Invoke(new OrleansSagasBuilder(services));
        return services;
    }
}
