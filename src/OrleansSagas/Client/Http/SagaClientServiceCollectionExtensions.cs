using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansSagas.Client.Http;

/// <summary>Registers the remote saga client in a service collection.</summary>
public static class SagaClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the saga client sends through (configure handlers with AddHttpClient(name)).</summary>
    public const string HttpClientName = "OrleansSagas";

    /// <summary>
    /// Adds <see cref="SagaHttpClient"/> as the <see cref="ISagaClient"/> singleton, sending through the named
    /// <see cref="HttpClient"/> <see cref="HttpClientName"/>. The options are validated when the client is first resolved
    /// and when the host starts.
    /// </summary>
    /// <example><code>services.AddOrleansSagasClient(o => o.Gateway = new Uri("http://127.0.0.1:5080"));</code></example>
    public static IServiceCollection AddOrleansSagasClient(this IServiceCollection services, Action<SagaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SagaClientOptions>()
            .Configure(configure)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SagaClientOptions>, SagaClientOptionsValidator>());
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new SagaHttpClient(() => factory.CreateClient(HttpClientName), sp.GetRequiredService<IOptions<SagaClientOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<SagaHttpClient>>());
        });
        services.RemoveAll<ISagaClient>();
        services.AddSingleton<ISagaClient>(sp => sp.GetRequiredService<SagaHttpClient>());
        return services;
    }
}
