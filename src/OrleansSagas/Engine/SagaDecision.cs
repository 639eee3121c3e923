namespace OrleansSagas.Engine;

/// <summary>What the engine decided on one message: the events to record (durably, first) and the commands to execute after.</summary>
/// <param name="Events">Events to append to the log, in order.</param>
/// <param name="Commands">Side effects to perform once the events are durable.</param>
public sealed record SagaDecision(IReadOnlyList<SagaEvent> Events, IReadOnlyList<SagaCommand> Commands)
{
    /// <summary>A decision that records and does nothing (e.g. a duplicate delivery).</summary>
    public static SagaDecision None { get; } = new([], []);
}
