using OrleansSagas.Definitions;

namespace OrleansSagas.Engine;

/// <summary>
/// The saga engine: a pure, deterministic function from (state, message, now) to events and commands.
/// No I/O, no clock reads, no randomness; all saga semantics (S1–S9) live here.
/// </summary>
public static class SagaDecider
{
    /// <summary>Decides what <paramref name="message"/> means for the saga: the events to record and the commands to run after.</summary>
    /// <remarks>
    /// Stale, duplicate and unknown messages (a result for an attempt not in flight, a disarmed timer, an unknown node,
    /// anything after the saga finished) yield <see cref="SagaDecision.None"/>; bad messages never throw.
    /// Every event is stamped with <paramref name="now"/>; folding the events with <see cref="Apply"/> gives the new state.
    /// </remarks>
    public static SagaDecision Decide(SagaGraph graph, SagaState state, SagaMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        return new DecisionContext(graph, state, now).Decide(message);
    }

    /// <summary>Folds one event into the state.</summary>
    public static SagaState Apply(SagaGraph graph, SagaState state, SagaEvent @event)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return SagaStateFold.Apply(graph, state, @event);
    }

    /// <summary>Folds a whole log, starting from <see cref="SagaState.Empty"/>.</summary>
    public static SagaState Replay(SagaGraph graph, IEnumerable<SagaEvent> events) =>
        events.Aggregate(SagaState.Empty, (s, e) => Apply(graph, s, e));

    /// <summary>
    /// The commands to re-issue when a saga is activated from its log (after a restart or a takeover):
    /// actions and undos that were scheduled without a recorded result run again with the same attempt
    /// and idempotency key; children are (idempotently) started or compensated again. Timers are durable and not included.
    /// </summary>
    /// <remarks>
    /// A saga that is cancelling also gets CancelAction / CancelChild for what it re-issues, and a terminal (or stuck)
    /// saga gets its NotifyFinished again, in case the notification was lost with the previous activation.
    /// </remarks>
    public static IReadOnlyList<SagaCommand> Resume(SagaGraph graph, SagaState state)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(state);
        return SagaResumption.Commands(graph, state);
    }
}
