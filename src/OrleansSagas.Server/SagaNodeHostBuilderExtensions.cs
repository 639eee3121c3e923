using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansSagas.AdoNet;
using OrleansSagas.Hosting;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.Server;

/// <summary>Configures an ASP.NET Core host as an Orleans silo hosting sagas, from standard .NET configuration.</summary>
public static class SagaNodeHostBuilderExtensions
{
    /// <summary>
    /// Hosts an Orleans silo with sagas in the app: <see cref="SagaRuntimeOptions"/> bound from the <c>Sagas</c> section;
    /// <c>Sagas:Storage</c> picks the database — Sqlite (<c>Sagas:SqlitePath</c>, localhost clustering), PostgreSql
    /// (<c>ConnectionStrings:Sagas</c>: grain storage, reminders and ADO.NET clustering, so several silos form a cluster)
    /// or InMemory; ports from <c>Sagas:SiloPort</c> and <c>Sagas:GatewayPort</c>. State machines registered at run time
    /// are enabled. Serve the HTTP API with <c>app.MapOrleansSagasApi()</c>.
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
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            switch (settings.Storage)
            {
                case SagaStorageKind.Sqlite:
                    silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                    silo.UseSagasSqlite(settings.SqlitePath);
                    break;
                case SagaStorageKind.PostgreSql:
                    silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
                    silo.UseSagasPostgreSql(settings.PostgreSqlConnectionString!);
                    break;
                case SagaStorageKind.InMemory:
                    silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                    silo.AddMemoryGrainStorage(SagaStorageNames.Default);
                    silo.UseInMemoryReminderService();
                    break;
            }
            // A dead silo is declared dead within a few seconds (probes every second, three misses), so its sagas resume soon.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 3;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            });
            silo.AddOrleansSagas(sagas =>
            {
                sagas.Services.AddOptions<SagaRuntimeOptions>().Bind(builder.Configuration.GetSection(SagaNodeSettings.SectionName));
                // Every silo can run state machines registered at run time (PUT /api/definitions/{name}).
                sagas.AddStatesLanguage();
                configure?.Invoke(sagas);
            });
        });
        return settings;
    }
}
