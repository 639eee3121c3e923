using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Runtime;
using OrleansSagas.Hosting;
using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;
using OrleansSagas.Testing.Faults;

namespace OrleansSagas.Testing.Hosting;

/// <summary>Silo set-up for saga tests: in-memory storage, fake time, fault injection. Use them in a TestCluster's <c>ISiloConfigurator</c>.</summary>
public static class SagaTestingSiloBuilderExtensions
{
    /// <summary>
    /// In-memory grain storage (named <see cref="SagaStorageNames.Default"/>), in-memory reminders with a one-second
    /// minimum period, and <paramref name="catalog"/> as the saga catalog (share one instance between the silos of a cluster).
    /// </summary>
    public static ISiloBuilder UseSagasInMemory(this ISiloBuilder builder, InMemorySagaStorage catalog)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(catalog);
        builder.AddMemoryGrainStorage(SagaStorageNames.Default);
        builder.UseInMemoryReminderService();
        builder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        builder.Services.RemoveAll<ISagaStorage>();
        builder.Services.AddSingleton<ISagaStorage>(catalog);
        return builder;
    }

    /// <summary>
    /// Runs the silo's grain timers, reminders and saga clock on <paramref name="time"/>: advance it and due waits fire at once.
    /// Share one instance between the silos of a cluster.
    /// </summary>
    public static ISiloBuilder UseSagaFakeTime(this ISiloBuilder builder, FakeTimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(time);
        builder.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, time);
        builder.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, time);
        return builder;
    }

    /// <summary>Injects the faults <paramref name="faults"/> describes into every step attempt on the silo (share one instance between silos).</summary>
    public static ISiloBuilder UseSagaFaults(this ISiloBuilder builder, SagaFaults faults)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(faults);
        builder.Services.AddSingleton<IStepInterceptor>(faults);
        return builder;
    }
}
