using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Definitions;
using OrleansSagas.Runtime;
using OrleansSagas.Schedules;

namespace OrleansSagas.Hosting;

/// <summary>Adds sagas and options to a node being configured by <see cref="SagaSiloBuilderExtensions.AddOrleansSagas"/>.</summary>
public sealed class OrleansSagasBuilder
{
    internal OrleansSagasBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for handler registrations and provider extensions.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a saga definition built in C#.</summary>
    public OrleansSagasBuilder AddSaga(SagaGraph graph)
    {
        Services.AddSingleton<ISagaDefinition>(new GraphSagaDefinition(graph));
        return this;
    }

    /// <summary>
    /// Sets how the cluster hands out tasks of the activity <paramref name="name"/>, e.g. at most 5 at once:
    /// <c>AddActivity("charge-card", a => a.MaxConcurrency = 5)</c>. Every silo must declare the same settings.
    /// Activities need no declaration to be used.
    /// </summary>
    public OrleansSagasBuilder AddActivity(string name, Action<ActivityOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<SagaRuntimeOptions>(o =>
        {
            if (!o.Activities.TryGetValue(name, out var activity)) o.Activities[name] = activity = new ActivityOptions();
            configure(activity);
        });
        return this;
    }

    /// <summary>
    /// Declares a schedule in code: it is created when the silo starts, or updated to <paramref name="spec"/> when it exists
    /// (an unchanged definition keeps its progress). Invalid declarations are logged as errors at start-up.
    /// </summary>
    /// <example><code>
    /// sagas.AddSchedule("nightly-report", new ScheduleSpec { Definition = "report", Cron = "30 2 * * *", TimeZone = "Europe/Berlin" });
    /// </code></example>
    public OrleansSagasBuilder AddSchedule(string name, ScheduleSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(spec);
        Services.AddSingleton(new ScheduleDeclaration(name, spec));
        return this;
    }

    /// <summary>Configures the runtime settings.</summary>
    public OrleansSagasBuilder Configure(Action<SagaRuntimeOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
