using OrleansSagas.Engine;

namespace OrleansSagas.Grains;

/// <summary>The runtime's own calls into a saga grain: step and child results, operator and parent requests, wake-ups.</summary>
internal interface ISagaControlGrain : IGrainWithStringKey
{
    /// <summary>Decides on <paramref name="message"/> and returns once the decision is durable.</summary>
    /// <exception cref="Client.SagaNotFoundException">No saga has this id.</exception>
    Task DeliverAsync(SagaMessage message);

    /// <summary>Activates the saga (resuming its in-flight work and firing late timers); no effect on one already active.</summary>
    Task WakeAsync();
}
