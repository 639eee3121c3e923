using OrleansSagas.Engine;

namespace OrleansSagas.Runtime;

/// <summary>A decision as the saga grain applies it: the events to record, the commands to run after, and the state they lead to.</summary>
/// <param name="Events">Events to record, in order.</param>
/// <param name="Commands">Side effects to perform once the events are durable.</param>
/// <param name="State">The state after the events (the definition's opaque state).</param>
public sealed record SagaTurn(IReadOnlyList<SagaEvent> Events, IReadOnlyList<SagaCommand> Commands, object State);
