using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Microsoft.Extensions.Options;
using OrleansSagas.Catalog;
using OrleansSagas.Client;
using OrleansSagas.Grains;
using OrleansSagas.Recovery;
using OrleansSagas.Runtime;
using OrleansSagas.Schedules;
using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;
using OrleansSagas.Activities;
using OrleansSagas.Tasks;

namespace OrleansSagas.Hosting;

/// <summary>Hosts sagas in an Orleans silo.</summary>
public static class SagaSiloBuilderExtensions
{
    /// <summary>
    /// Adds the saga runtime to a silo: the saga grains, the catalog writer, the definition registry, recovery after a
    /// silo dies, activity task queues and task tokens, and <see cref="ISagaClient"/> and <see cref="ITaskClient"/> (by grain calls). The silo also needs a grain storage provider named
    /// <see cref="SagaStorageNames.Default"/> and a reminder service: <c>UseSagasSqlite</c> / <c>UseSagasPostgreSql</c>
    /// (OrleansSagas.AdoNet) add both on a database and put the catalog there too; without them the catalog is in memory.
    /// </summary>
    /// <example><code>
    /// builder.UseOrleans(silo => silo
    ///     .UseLocalhostClustering()
    ///     .UseSagasSqlite("data/sagas.db")
    ///     .AddOrleansSagas(sagas => sagas.AddSaga(TravelBooking.Definition)));
    /// </code></example>
    public static ISiloBuilder AddOrleansSagas(this ISiloBuilder builder, Action<OrleansSagasBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SagaRuntimeOptions>().Validate(o =>
        {
            o.Validate();
            return true;
        });
        services.AddSerializer(s => s.AddSagaSerializers());
        services.TryAddSingleton<ISagaStorage, InMemorySagaStorage>();
        services.TryAddSingleton<SagaDefinitionRegistry>();
        services.TryAddSingleton<SagaCatalogWriter>();
        services.TryAddSingleton<SagaClock>();
        services.TryAddSingleton<GrainSagaClient>();
        services.TryAddSingleton<ISagaClient>(sp => sp.GetRequiredService<GrainSagaClient>());
        services.TryAddSingleton<TaskTokens>();
        services.TryAddSingleton<ITaskTokenIssuer>(sp => sp.GetRequiredService<TaskTokens>());
        services.TryAddSingleton<ActivityPoller>();
        services.TryAddSingleton<GrainTaskClient>();
        services.TryAddSingleton<ITaskClient>(sp => sp.GetRequiredService<GrainTaskClient>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SagaStorageInitializer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SagaRecovery>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, TaskTokenPreloader>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ScheduleStartup>();
        configure?.Invoke(new OrleansSagasBuilder(services));
        return builder;
    }
}
