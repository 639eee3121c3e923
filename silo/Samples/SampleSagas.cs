using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSagas.Hosting;
using OrleansSagas.Silo.Samples.ExpenseApproval;
using OrleansSagas.Silo.Samples.OrderFulfilment;
using OrleansSagas.Silo.Samples.TravelBooking;

namespace OrleansSagas.Silo.Samples;

/// <summary>Registers the sample sagas the silo hosts: travel-booking, expense-approval and order-fulfilment.</summary>
public static class SampleSagas
{
    /// <summary>Adds the sample sagas and their handlers; <paramref name="configuration"/>'s <c>Samples</c> section configures <see cref="SampleOptions"/>.</summary>
    public static OrleansSagasBuilder AddSampleSagas(this OrleansSagasBuilder sagas, IConfiguration configuration)
    {
        sagas.Services.Configure<SampleOptions>(configuration.GetSection("Samples"));
        sagas.Services.TryAddSingleton(TimeProvider.System);
        sagas.Services.TryAddSingleton<SampleStepHooks>();
        return sagas
            .AddSaga(TravelBookingSaga.Build())
            .AddSaga(ExpenseApprovalSaga.Build())
            .AddSaga(OrderFulfilmentSaga.Build());
    }
}
