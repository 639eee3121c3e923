using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSagas.Cluster;
using OrleansSagas.Runtime;

namespace OrleansSagas.Hosting;

/// <summary>Makes a node part of a cluster of nodes sharing one store.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Replaces single-node ownership with cluster ownership: the node registers in the membership table, heartbeats,
    /// leases its share of the partitions and takes over those of nodes that leave or die; calls for sagas owned by
    /// another node are forwarded to it through the registered <see cref="IClusterTransport"/>. The store must be
    /// shared by every node (e.g. PostgreSQL); each node needs a unique <see cref="SagaRuntimeOptions.NodeName"/> and
    /// the <see cref="SagaRuntimeOptions.Address"/> other nodes reach it at.
    /// </summary>
    public static OrleansSagasBuilder UseCluster(this OrleansSagasBuilder builder, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.UseCluster(configure);
        return builder;
    }

    /// <inheritdoc cref="UseCluster(OrleansSagasBuilder, Action{ClusterOptions})"/>
    public static IServiceCollection UseCluster(this IServiceCollection services, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ClusterOptions>();
        if (configure is not null) services.Configure(configure);
        services.RemoveAll<IPartitionOwnership>();
        services.TryAddSingleton<ClusterOwnership>();
        services.AddSingleton<IPartitionOwnership>(sp => sp.GetRequiredService<ClusterOwnership>());
        services.TryAddSingleton(sp => new ClusterInbox(sp.GetRequiredService<SagaRuntime>()));
        services.TryAddSingleton<ClusterRouter>();
        return services;
    }
}
