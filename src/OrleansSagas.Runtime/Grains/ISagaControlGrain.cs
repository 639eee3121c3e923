using OrleansSagas.Engine;

namespace OrleansSagas.Grains;

/// <summary>The runtime's own calls into a saga grain: step and child results, operator and parent requests, wake-ups.</summary>
internal interface ISagaControlGrain : IGrainWithStringKey
{
    /// <summary>Decides on <paramref name="message"/> and returns once the decision is durable.</summary>
    /// <exception cref="Client.SagaNotFoundException">No saga has this id.</exception>
    Task DeliverAsync(SagaMessage message);

    /// <summary>Applies a report sent with a verified task token, once the saga accepted it durably.</summary>
    /// <exception cref="Tasks.TaskTokenException">The task is unknown, timed out, superseded or already completed; nothing changed.</exception>
    Task SettleTaskAsync(Tasks.TaskTokenClaims claims, Tasks.TaskSettlement settlement);

    /// <summary>A callback handler handed out its token, or an activity task reached its queue: do not repeat it on reactivation.</summary>
    Task TaskDispatchedAsync(string node, int attempt);

    /// <summary>Activates the saga (resuming its in-flight work and firing late timers); no effect on one already active.</summary>
    Task WakeAsync();
}
