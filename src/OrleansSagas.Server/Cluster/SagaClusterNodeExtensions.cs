using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSagas.Cluster;
using OrleansSagas.Hosting;
using OrleansSagas.Server.Cluster;

namespace OrleansSagas.Server;

/// <summary>Makes a configured saga node a member of a cluster, and serves the node-to-node endpoints.</summary>
public static class SagaClusterNodeExtensions
{
    /// <summary>The configuration section of cluster settings: <c>Sagas:Cluster</c>.</summary>
    public const string SectionName = "Sagas:Cluster";

    /// <summary>
    /// Joins the cluster when <c>Sagas:Cluster:Enabled</c> is true, which is the default with PostgreSQL storage: cluster
    /// ownership with <see cref="ClusterOptions"/> bound from <c>Sagas:Cluster</c> (e.g. <c>Sagas:Cluster:LeaseDuration</c>),
    /// and forwarding to other nodes over HTTP. The node's address (<c>Sagas:Address</c>) defaults to its first
    /// <c>urls</c> entry, which must then name a host and a fixed port.
    /// </summary>
    /// <returns>True when the node joins a cluster.</returns>
    /// <exception cref="SagaConfigurationException">A cluster setting is invalid; the message names it.</exception>
    public static bool AddSagaCluster(this OrleansSagasBuilder sagas, IConfiguration configuration, SagaNodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        var section = configuration.GetSection(SectionName);
        if (!IsEnabled(section, settings)) return false;
        if (settings.Storage == SagaStorageKind.InMemory)
            throw new SagaConfigurationException($"{SectionName}:Enabled", "A cluster needs a store its nodes share: set Sagas:Storage to PostgreSql.");

        var options = ReadOptions(section);
        var address = string.IsNullOrWhiteSpace(settings.Runtime.Address) ? AddressFromUrls(configuration["urls"]) : settings.Runtime.Address;
        sagas.Configure(o => o.Address = address);
        sagas.UseCluster(o =>
        {
            o.LeaseDuration = options.LeaseDuration;
            o.RenewInterval = options.RenewInterval;
            o.LeaseSafetyMargin = options.LeaseSafetyMargin;
            o.HeartbeatInterval = options.HeartbeatInterval;
            o.DeadAfter = options.DeadAfter;
            o.ForwardTimeout = options.ForwardTimeout;
        });
        sagas.Services.TryAddSingleton<IClusterTransport, HttpClusterTransport>();
        return true;
    }

    /// <summary>
    /// Maps the endpoints other nodes forward calls to (<c>POST /internal/cluster/start</c> and <c>/deliver</c>) when this
    /// node is part of a cluster; does nothing otherwise.
    /// </summary>
    public static IEndpointRouteBuilder MapSagaClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<ClusterInbox>() is null) return endpoints;
        endpoints.MapPost("/" + ClusterWire.StartPath, ClusterEndpoints.Start).ExcludeFromDescription();
        endpoints.MapPost("/" + ClusterWire.DeliverPath, ClusterEndpoints.Deliver).ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsEnabled(IConfigurationSection section, SagaNodeSettings settings)
    {
        var text = section["Enabled"];
        if (string.IsNullOrWhiteSpace(text)) return settings.Storage == SagaStorageKind.PostgreSql;
        return bool.TryParse(text.Trim(), out var enabled)
            ? enabled
            : throw new SagaConfigurationException($"{SectionName}:Enabled", $"{SectionName}:Enabled must be true or false (was '{text}').");
    }

    private static ClusterOptions ReadOptions(IConfigurationSection section)
    {
        var options = new ClusterOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new SagaConfigurationException(SectionName, $"{SectionName} has an invalid value: {e.Message}", e);
        }
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new SagaConfigurationException($"{SectionName}:{e.ParamName}", e.Message.Split(" (Parameter")[0], e);
        }
        return options;
    }

    private static string AddressFromUrls(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is not null && Uri.TryCreate(first, UriKind.Absolute, out var uri) && uri.Port != 0
            && uri.Host is not ("0.0.0.0" or "[::]" or "*" or "+") && !first.Contains("://*", StringComparison.Ordinal) && !first.Contains("://+", StringComparison.Ordinal))
            return uri.GetLeftPart(UriPartial.Authority);
        throw new SagaConfigurationException("Sagas:Address",
            $"A cluster node needs the address other nodes reach it at: run it with --urls on a host and fixed port (e.g. http://127.0.0.1:5081) or set Sagas:Address (urls was '{urls}').");
    }
}
