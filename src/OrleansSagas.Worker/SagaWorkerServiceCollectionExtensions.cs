using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansSagas.Worker.Internal;

namespace OrleansSagas.Worker;

/// <summary>Registers a saga worker in a service collection.</summary>
public static class SagaWorkerServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the worker sends through (configure handlers with AddHttpClient(name)).</summary>
    public const string HttpClientName = "OrleansSagas.Worker";

    /// <summary>
    /// Adds the saga worker: a hosted service that, once the host starts, long-polls the server for tasks of every activity
    /// added to the returned builder, runs them and reports their results. The options are validated when the host starts.
    /// Calling it again configures the same worker.
    /// </summary>
    /// <example><code>
    /// services.AddOrleansSagasWorker(o => { o.ServerUrl = new Uri("http://127.0.0.1:5080"); o.WorkerName = "w1"; })
    ///     .AddActivity&lt;ChargeCardHandler&gt;("charge-card", a => a.MaxConcurrency = 4);
    /// </code></example>
    public static SagaWorkerBuilder AddOrleansSagasWorker(this IServiceCollection services, Action<SagaWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SagaWorkerOptions>()
            .Configure(configure)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SagaWorkerOptions>, SagaWorkerOptionsValidator>());
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SagaWorkerService>());
        return new SagaWorkerBuilder(services);
    }
}
