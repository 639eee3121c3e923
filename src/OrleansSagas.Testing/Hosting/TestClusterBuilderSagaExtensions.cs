using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OrleansSagas.Client;

namespace OrleansSagas.Testing.Hosting;

/// <summary>Adds sagas to an Orleans <see cref="TestClusterBuilder"/>.</summary>
/// <example><code>
/// var time = new FakeTimeProvider();
/// var catalog = new InMemorySagaStorage();
/// var builder = new TestClusterBuilder(2).AddSagas(silo => silo
///     .UseSagasInMemory(catalog)
///     .UseSagaFakeTime(time)
///     .AddOrleansSagas(sagas => sagas.AddSaga(TravelBooking.Definition)));
/// await using var cluster = builder.Build();
/// await cluster.DeployAsync();
/// ISagaClient client = cluster.SagaClient();
/// </code></example>
public static class TestClusterBuilderSagaExtensions
{
    internal const string ConfigurationKey = "OrleansSagas:TestSiloConfiguration";
    private static readonly ConcurrentDictionary<string, Action<ISiloBuilder>> Configurations = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="configureSilo"/> on every silo the cluster starts (restarted and added ones included), and
    /// registers the saga serializers on the cluster's client. Silos run in this process, so the delegate may capture
    /// shared objects (a fake clock, a catalog, fault injection, step logs).
    /// </summary>
    public static TestClusterBuilder AddSagas(this TestClusterBuilder builder, Action<ISiloBuilder> configureSilo)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureSilo);
        var key = Guid.NewGuid().ToString("N");
        Configurations[key] = configureSilo;
        builder.Properties[ConfigurationKey] = key;
        builder.AddSiloBuilderConfigurator<SagaTestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<SagaTestClientConfigurator>();
        return builder;
    }

    /// <summary>An <see cref="ISagaClient"/> calling the cluster through its client.</summary>
    public static ISagaClient SagaClient(this TestCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new GrainSagaClient(cluster.Client);
    }

    private sealed class SagaTestSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var key = siloBuilder.Configuration[ConfigurationKey]
                ?? throw new InvalidOperationException($"The test cluster has no '{ConfigurationKey}' property: build it with AddSagas.");
            if (!Configurations.TryGetValue(key, out var configure))
                throw new InvalidOperationException("The saga configuration of this test cluster is not in this process; test silos must run in-process.");
            configure(siloBuilder);
        }
    }

    private sealed class SagaTestClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddOrleansSagasClient();
    }
}
