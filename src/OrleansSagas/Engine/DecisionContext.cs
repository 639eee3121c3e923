using OrleansSagas.Definitions;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;
using OrleansSagas.Engine.Messages;

namespace OrleansSagas.Engine;

/// <summary>
/// One decision in the making: events are applied to a working copy of the state as they are emitted, so
/// each later choice of the same decision sees the facts recorded before it (cascades of constants, unwinding
/// that starts right after a failure). Timer commands are derived at the end from the timers armed before and after.
/// </summary>
internal sealed partial class DecisionContext
{
    private readonly SagaGraph _graph;
    private readonly SagaState _initial;
    private readonly DateTimeOffset _now;
    private readonly List<SagaEvent> _events = [];
    private readonly List<SagaCommand> _commands = [];
    private string? _firedTimer;

    public DecisionContext(SagaGraph graph, SagaState state, DateTimeOffset now)
    {
        _graph = graph;
        _initial = state;
        State = state;
        _now = now;
    }

    private SagaState State { get; set; }

    public SagaDecision Decide(SagaMessage message)
    {
        if (message is StartSaga start)
        {
            if (State.IsStarted || !IsValidStart(start)) return SagaDecision.None;
            Emit(new SagaStarted(start.SagaId, start.Definition, start.Version, NodeInputs.Normalize(start.Input),
                start.ParentId, start.ParentNode, _graph.Timeout is { } timeout ? _now + timeout : null));
        }
        else if (!State.IsStarted || !Accepts(message) || !Handle(message))
        {
            return SagaDecision.None;
        }
        Progress();
        return Finish();
    }

    private static bool IsValidStart(StartSaga start) => !string.IsNullOrEmpty(start.SagaId);

    /// <summary>A terminal saga only takes a compensation request (when succeeded) and, when stuck, results of in-flight work and operator actions.</summary>
    private bool Accepts(SagaMessage message) => State.Status switch
    {
        SagaStatus.Running => message is not (RetryStuckUndo or SkipStuckUndo or CompensateSaga),
        SagaStatus.Succeeded => message is CompensateSaga,
        SagaStatus.Stuck => message is StepCompleted or StepFailed or UndoCompleted or UndoFailed or TimerFired
            or ChildCompleted or RetryStuckUndo or SkipStuckUndo,
        _ => false,
    };

    private bool Handle(SagaMessage message) => message switch
    {
        StepCompleted m => OnStepCompleted(m),
        StepFailed m => OnStepFailed(m),
        StepHeartbeat m => OnStepHeartbeat(m),
        UndoCompleted m => OnUndoCompleted(m),
        UndoFailed m => OnUndoFailed(m),
        TimerFired m => OnTimerFired(m),
        SignalReceived m => OnSignalReceived(m),
        ChildCompleted m => OnChildCompleted(m),
        CancelSaga m => OnCancel(m),
        CompensateSaga m => OnCompensate(m),
        RetryStuckUndo m => OnRetryStuckUndo(m),
        SkipStuckUndo m => OnSkipStuckUndo(m),
        _ => false,
    };

    /// <summary>Moves the saga as far as the recorded facts allow: schedules ready nodes, starts undos, finishes.</summary>
    private void Progress()
    {
        int before;
        do
        {
            before = _events.Count;
            if (State.Status != SagaStatus.Running) return;
            if (State.IsUnwinding) ProgressUnwinding();
            else ProgressForward();
        }
        while (_events.Count > before);
    }

    private void Emit(SagaEvent @event)
    {
        var stamped = @event with { Timestamp = _now };
        _events.Add(stamped);
        State = SagaStateFold.Apply(_graph, State, stamped);
    }

    private void Run(SagaCommand command) => _commands.Add(command);

    private SagaDecision Finish()
    {
        if (_events.Count == 0 && _commands.Count == 0) return SagaDecision.None;
        var before = ArmedTimers(_initial);
        var after = ArmedTimers(State);
        var commands = new List<SagaCommand>();
        commands.AddRange(after.Where(t => !before.ContainsKey(t.Key)).Select(t => new ArmTimer(t.Key, t.Value)));
        commands.AddRange(before.Keys.Where(id => !after.ContainsKey(id) && id != _firedTimer).Select(id => new DisarmTimer(id)));
        commands.AddRange(_commands);
        return new SagaDecision(_events, commands);
    }

    /// <summary>Every durable timer the state says is armed, by id.</summary>
    internal static Dictionary<string, DateTimeOffset> ArmedTimers(SagaState state)
    {
        var timers = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (state.TimeoutAt is { } sagaTimeout) timers[TimerIds.SagaTimeout] = sagaTimeout;
        foreach (var node in state.Nodes.Values)
        {
            if (node.Timer is { } timer) timers[timer.Id] = timer.DueAt;
        }
        return timers;
    }

    private bool IsNode<TNode>(string? name, out TNode node) where TNode : SagaNode
    {
        if (name is not null && _graph.Nodes.TryGetValue(name, out var found) && found is TNode typed)
        {
            node = typed;
            return true;
        }
        node = null!;
        return false;
    }

    private NodeState Node(string name) => State.Node(name);

    private void Notify() => Run(new NotifyFinished(State.Status, State.Output, State.Error));

    private static SagaError Timeout(string cause) => new(SagaErrors.Timeout, cause);
}
