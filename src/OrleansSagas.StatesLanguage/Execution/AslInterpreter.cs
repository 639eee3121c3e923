using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>
/// A pure, deterministic interpreter of one state machine: no I/O, no clock, no randomness of its own. Feed it
/// messages with the current time; it returns history events (to store) and effects (to carry out). The execution
/// state is the fold of the events, so replaying any prefix of the history rebuilds it.
/// </summary>
public sealed class AslInterpreter
{
    private readonly StateMachineDefinition _definition;
    private readonly AslInterpreterOptions _options;

    /// <summary>Creates an interpreter for a parsed definition.</summary>
    /// <param name="definition">The state machine (see <see cref="Parsing.StateMachineParser"/>).</param>
    /// <param name="options">Limits; defaults follow Step Functions.</param>
    public AslInterpreter(StateMachineDefinition definition, AslInterpreterOptions? options = null)
    {
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _options = options ?? new AslInterpreterOptions();
    }

    /// <summary>Starts an execution: the same as <see cref="Decide"/> on the empty state at the start time.</summary>
    /// <param name="start">The execution input and identity.</param>
    /// <returns>The first decision.</returns>
    public AslDecision Start(AslStartExecution start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return Decide(AslExecutionState.Empty, start, start.StartTime);
    }

    /// <summary>Decides what happens when <paramref name="message"/> arrives at <paramref name="now"/>. Does not modify <paramref name="state"/>.</summary>
    /// <param name="state">The current state (the fold of the history so far).</param>
    /// <param name="message">What happened.</param>
    /// <param name="now">The decision time, recorded in the events and used for timers.</param>
    /// <returns>New events, effects and the resulting state. Messages that no longer apply (stale timers, unknown task ids, anything after the end) yield no events.</returns>
    public AslDecision Decide(AslExecutionState state, AslMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        return new Decider(state.Clone(), _definition, _options, now).Decide(message);
    }

    /// <summary>
    /// Decides like <see cref="Decide"/> but on <paramref name="state"/> itself, without copying it first: for a host
    /// that owns the state and discards it if anything fails. The cost of a decision then depends on the events it
    /// records, not on the size of the state.
    /// </summary>
    internal AslDecision DecideInPlace(AslExecutionState state, AslMessage message, DateTimeOffset now) =>
        new Decider(state, _definition, _options, now).Decide(message);

    /// <summary>Folds one history event into a state (returns a new state; the argument is not modified).</summary>
    /// <param name="state">The state before the event.</param>
    /// <param name="historyEvent">The next event of the history.</param>
    /// <returns>The state after the event.</returns>
    public AslExecutionState Apply(AslExecutionState state, AslHistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(historyEvent);
        var next = state.Clone();
        HistoryFold.Apply(next, historyEvent, _definition);
        return next;
    }

    /// <summary>Rebuilds a state from a history (or a prefix of it).</summary>
    /// <param name="history">Events in order, starting with ExecutionStarted.</param>
    /// <returns>The folded state.</returns>
    public AslExecutionState Replay(IEnumerable<AslHistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var state = AslExecutionState.Empty;
        foreach (var e in history)
        {
            HistoryFold.Apply(state, e, _definition);
        }

        return state;
    }
}
