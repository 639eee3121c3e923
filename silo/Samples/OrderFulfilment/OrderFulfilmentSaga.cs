using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.OrderFulfilment;

/// <summary>
/// The order-fulfilment saga: charge the card on external workers of the <c>charge-card</c> activity (any language
/// polls <c>POST /api/activities/charge-card/poll</c>; see worker-sample), then ask the warehouse to ship and wait,
/// durably, until the warehouse sends success or failure with the task token it was handed.
/// </summary>
public static class OrderFulfilmentSaga
{
    /// <summary>The definition name.</summary>
    public const string Name = "order-fulfilment";

    /// <summary>The activity that charges cards.</summary>
    public const string ChargeActivity = "charge-card";

    /// <summary>Node names.</summary>
    public const string Charge = "charge", Ship = "ship";

    /// <summary>Builds the definition.</summary>
    public static SagaGraph Build() =>
        new SagaBuilder(Name)
            .Activity(Charge, ChargeActivity, n => n
                .Heartbeat(TimeSpan.FromSeconds(30))
                .Timeout(TimeSpan.FromMinutes(10))
                // A worker that vanished (no heartbeat) or shut down hands the charge to another worker.
                .Retry(new Retrier { ErrorEquals = [SagaErrors.HeartbeatTimeout, "Worker.Shutdown"], MaxAttempts = 3, Interval = TimeSpan.FromSeconds(1) }))
            .Step<RequestShipment>(Ship, n => n.After(Charge).WaitForTaskToken().Timeout(TimeSpan.FromDays(3)))
            .OutputFrom(Ship)
            .Build();
}
