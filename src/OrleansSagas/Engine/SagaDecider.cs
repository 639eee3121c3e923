using OrleansSagas.Definitions;

namespace OrleansSagas.Engine;

/// <summary>
/// The saga engine: a pure, deterministic function from (state, message, now) to events and commands.
/// No I/O, no clock reads, no randomness; all saga semantics (S1–S9) live here.
/// </summary>
public static class SagaDecider
{
    /// <summary>Decides what <paramref name="message"/> means for the saga: the events to record and the commands to run after.</summary>
    public static SagaDecision Decide(SagaGraph graph, SagaState state, SagaMessage message, DateTimeOffset now) =>
        throw new NotImplementedException();

    /// <summary>Folds one event into the state.</summary>
    public static SagaState Apply(SagaGraph graph, SagaState state, SagaEvent @event) =>
        throw new NotImplementedException();

    /// <summary>Folds a whole log, starting from <see cref="SagaState.Empty"/>.</summary>
    public static SagaState Replay(SagaGraph graph, IEnumerable<SagaEvent> events) =>
        events.Aggregate(SagaState.Empty, (s, e) => Apply(graph, s, e));

    /// <summary>
    /// The commands to re-issue when a saga is activated from its log (after a restart or a takeover):
    /// actions and undos that were scheduled without a recorded result run again with the same attempt
    /// and idempotency key; children are (idempotently) started or compensated again. Timers are durable and not included.
    /// </summary>
    public static IReadOnlyList<SagaCommand> Resume(SagaGraph graph, SagaState state) =>
        throw new NotImplementedException();
}
