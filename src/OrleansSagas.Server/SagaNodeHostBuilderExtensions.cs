using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansSagas.Hosting;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.Server;

/// <summary>Configures a host as a saga node from standard .NET configuration.</summary>
public static class SagaNodeHostBuilderExtensions
{
    /// <summary>
    /// Adds a saga node to the host: the runtime with <see cref="SagaRuntimeOptions"/> bound from the <c>Sagas</c>
    /// section, and the storage named by <c>Sagas:Storage</c> (Sqlite at <c>Sagas:SqlitePath</c>, PostgreSql at
    /// <c>ConnectionStrings:Sagas</c>, or InMemory), and Amazon States Language support for state machines registered
    /// at run time. Serve its HTTP API with <c>app.MapOrleansSagasApi()</c>.
    /// </summary>
    /// <param name="builder">The host builder (e.g. a <c>WebApplicationBuilder</c>).</param>
    /// <param name="configure">Adds sagas and overrides settings in code; runs after configuration is applied, so it wins.</param>
    /// <returns>The settings read from configuration.</returns>
    /// <exception cref="SagaConfigurationException">A setting is invalid; the message names it.</exception>
    /// <example><code>
    /// var builder = WebApplication.CreateBuilder(args);
    /// builder.AddOrleansSagasNode(sagas => sagas.AddSaga(TravelBooking.Definition));
    /// var app = builder.Build();
    /// app.MapOrleansSagasApi();
    /// app.Run();
    /// </code></example>
    public static SagaNodeSettings AddOrleansSagasNode(this IHostApplicationBuilder builder, Action<OrleansSagasBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = SagaNodeSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddOrleansSagas(sagas =>
        {
            sagas.Services.AddOptions<SagaRuntimeOptions>().Bind(builder.Configuration.GetSection(SagaNodeSettings.SectionName));
            switch (settings.Storage)
            {
                case SagaStorageKind.Sqlite:
                    sagas.Services.UseSqliteStorage(Path.GetFullPath(settings.SqlitePath));
                    break;
                case SagaStorageKind.PostgreSql:
                    sagas.Services.UsePostgreSqlStorage(settings.PostgreSqlConnectionString!);
                    break;
                case SagaStorageKind.InMemory:
                    break;
            }
            // Every node can run state machines registered at run time (PUT /api/definitions/{name}).
            sagas.AddStatesLanguage();
            // Joins a cluster with PostgreSQL storage or Sagas:Cluster:Enabled=true (see SagaClusterNodeExtensions).
            sagas.AddSagaCluster(builder.Configuration, settings);
            configure?.Invoke(sagas);
        });
        return settings;
    }
}
