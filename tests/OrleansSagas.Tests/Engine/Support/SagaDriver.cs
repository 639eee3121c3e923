using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;
using OrleansSagas.Engine.Messages;

namespace OrleansSagas.Tests.Engine.Support;

/// <summary>
/// Plays the runtime's part for engine tests: sends messages through <see cref="SagaDecider.Decide"/>, folds the
/// events with <see cref="SagaDecider.Apply"/>, and keeps the log and every command issued.
/// </summary>
internal sealed class SagaDriver
{
    public static readonly DateTimeOffset T0 = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public SagaDriver(SagaGraph graph, string sagaId = "saga-1")
    {
        Graph = graph;
        SagaId = sagaId;
    }

    public SagaGraph Graph { get; }
    public string SagaId { get; }
    public SagaState State { get; private set; } = SagaState.Empty;
    public DateTimeOffset Now { get; set; } = T0;
    public List<SagaEvent> Log { get; } = [];
    public List<SagaCommand> Commands { get; } = [];
    public SagaDecision Last { get; private set; } = SagaDecision.None;

    /// <summary>The state after each event of <see cref="Log"/> (index i: after i + 1 events).</summary>
    public List<SagaState> States { get; } = [];

    /// <summary>Every message sent, with how many events the log had when it arrived and the time it was decided at.</summary>
    public List<(int Events, SagaMessage Message, DateTimeOffset At)> Received { get; } = [];

    /// <summary>Timers armed and neither disarmed nor fired, tracked from the commands the engine issued.</summary>
    public Dictionary<string, DateTimeOffset> Timers { get; } = new(StringComparer.Ordinal);

    public SagaDecision Send(SagaMessage message)
    {
        Received.Add((Log.Count, message, Now));
        var decision = SagaDecider.Decide(Graph, State, message, Now);
        foreach (var e in decision.Events)
        {
            Assert.Equal(Now, e.Timestamp);
            State = SagaDecider.Apply(Graph, State, e);
            Log.Add(e);
            States.Add(State);
        }
        if (message is TimerFired fired && decision.Events.Count > 0) Timers.Remove(fired.TimerId);
        foreach (var command in decision.Commands)
        {
            if (command is ArmTimer arm) Assert.True(Timers.TryAdd(arm.TimerId, arm.DueAt), $"Timer {arm.TimerId} armed twice");
            if (command is DisarmTimer disarm) Assert.True(Timers.Remove(disarm.TimerId), $"Timer {disarm.TimerId} disarmed but not armed");
        }
        // The timers the commands armed are exactly those the state says are armed.
        Assert.Equal(DecisionContext.ArmedTimers(State).OrderBy(t => t.Key), Timers.OrderBy(t => t.Key));
        Commands.AddRange(decision.Commands);
        Last = decision;
        return decision;
    }

    public SagaDecision Start(object? input = null, string? parentId = null, string? parentNode = null) =>
        Send(new StartSaga(SagaId, Graph.Name, Graph.Version, SagaJson.ToElement(input ?? new { order = 42 }), parentId, parentNode));

    public SagaDecision Complete(string node, object? output = null) =>
        Send(new StepCompleted(node, InFlight(node), SagaJson.ToElement(output ?? $"{node}-out")));

    public SagaDecision Fail(string node, string error = "Boom") =>
        Send(new StepFailed(node, InFlight(node), new SagaError(error, $"{node} failed")));

    public SagaDecision UndoDone(string node) => Send(new UndoCompleted(node, UndoInFlight(node)));

    public SagaDecision UndoFail(string node, string error = "UndoBoom") =>
        Send(new UndoFailed(node, UndoInFlight(node), new SagaError(error, $"undo of {node} failed")));

    /// <summary>Moves time to the timer's due time and fires it.</summary>
    public SagaDecision Fire(string timerId)
    {
        var armed = Timers;
        Assert.True(armed.ContainsKey(timerId), $"Timer {timerId} is not armed; armed: {string.Join(", ", armed.Keys)}");
        if (armed[timerId] > Now) Now = armed[timerId];
        return Send(new TimerFired(timerId));
    }

    public SagaDecision Signal(string name, object? payload = null) => Send(new SignalReceived(name, SagaJson.ToElement(payload ?? new { ok = true })));

    public int InFlight(string node) => State.Node(node).InFlightAttempt ?? throw new InvalidOperationException($"{node} has no attempt in flight");

    public int UndoInFlight(string node) => State.Node(node).UndoInFlight ?? throw new InvalidOperationException($"{node} has no undo in flight");

    public StepStatus StatusOf(string node) => State.Steps.Single(s => s.Name == node).Status;

    public IEnumerable<T> CommandsOf<T>() where T : SagaCommand => Commands.OfType<T>();

    public IEnumerable<T> LastCommands<T>() where T : SagaCommand => Last.Commands.OfType<T>();

    /// <summary>Node names in the order their undo was scheduled (undos that actually run).</summary>
    public List<string> UndoOrder() => [.. CommandsOf<RunUndo>().Select(c => c.Node)];

    /// <summary>Node names in the order their action was first dispatched.</summary>
    public List<string> RunOrder() => [.. CommandsOf<RunAction>().Select(c => c.Node).Distinct()];

    public static JsonElement Json(object value) => SagaJson.ToElement(value);
}
