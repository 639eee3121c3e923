using OrleansSagas.Definitions;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Hosting;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.IntegrationTests.Activities;

/// <summary>Sagas whose steps run on external workers or wait for callbacks.</summary>
public static class ActivitySagas
{
    /// <summary>One activity step "charge" on activity "charge-card", retried twice on any error; the output is the worker's.</summary>
    public const string Charge = "activity-charge";

    /// <summary>"charge" with a heartbeat of 1 s, retried on heartbeat timeouts.</summary>
    public const string Beating = "activity-beating";

    /// <summary>A callback step: its handler hands out the token (to <see cref="CallbackTokens"/>), then the step waits for it.</summary>
    public const string Callback = "activity-callback";

    public static OrleansSagasBuilder AddActivitySagas(this OrleansSagasBuilder sagas)
    {
        sagas.Services.AddSingleton<CallbackTokens>();
        sagas.AddTaskHandler<PublishToken>("publish");
        return sagas
            .AddSaga(new SagaBuilder(Charge)
                .Activity("charge", "charge-card", n => n.Retry(new Retrier { ErrorEquals = ["CardDeclined"], MaxAttempts = 2, Interval = TimeSpan.Zero }))
                .Build())
            .AddSaga(new SagaBuilder(Beating)
                .Activity("charge", "beating-card", n => n.Heartbeat(TimeSpan.FromSeconds(1))
                    .Retry(new Retrier { ErrorEquals = [SagaErrors.HeartbeatTimeout], MaxAttempts = 1, Interval = TimeSpan.Zero }))
                .Build())
            .AddSaga(new SagaBuilder(Callback)
                .Step<HandOutToken>("approve", n => n.WaitForTaskToken())
                .Build());
    }
}
