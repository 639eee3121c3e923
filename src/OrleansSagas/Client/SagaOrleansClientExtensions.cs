using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using OrleansSagas.Grains;

namespace OrleansSagas.Client;

/// <summary>Lets an Orleans client (or a silo that does not host sagas itself) call sagas by grain calls.</summary>
public static class SagaOrleansClientExtensions
{
    /// <summary>
    /// Registers <see cref="ISagaClient"/> as <see cref="GrainSagaClient"/>, <see cref="Tasks.ITaskClient"/> as
    /// <see cref="Tasks.GrainTaskClient"/> (workers and callbacks), and the serializers of the saga types.
    /// </summary>
    /// <example><code>
    /// builder.UseOrleansClient(client => client.UseLocalhostClustering().AddOrleansSagasClient());
    /// // then inject ISagaClient
    /// </code></example>
    public static IClientBuilder AddOrleansSagasClient(this IClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerializer(s => s.AddSagaSerializers());
        builder.Services.TryAddSingleton<ISagaClient, GrainSagaClient>();
        builder.Services.TryAddSingleton<Tasks.ITaskClient, Tasks.GrainTaskClient>();
        return builder;
    }
}
