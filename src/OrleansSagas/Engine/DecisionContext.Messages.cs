using OrleansSagas.Definitions;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;
using OrleansSagas.Engine.Messages;

namespace OrleansSagas.Engine;

/// <summary>The handling of each message; a handler returns false for anything stale, duplicate or unknown.</summary>
internal sealed partial class DecisionContext
{
    private const string CompensationRequested = "Sagas.CompensationRequested";

    private bool OnStepCompleted(StepCompleted m)
    {
        if (!IsNode<StepNode>(m.Node, out _) || !IsAwaiting(m.Node, m.Attempt)) return false;
        Emit(new NodeSucceeded(m.Node, m.Attempt, NodeInputs.Normalize(m.Output)));
        return true;
    }

    private bool OnStepFailed(StepFailed m)
    {
        if (!IsNode<StepNode>(m.Node, out _) || !IsAwaiting(m.Node, m.Attempt)) return false;
        FailAttempt(m.Node, m.Attempt, m.Error ?? new SagaError(SagaErrors.TaskFailed, "The step failed without saying why."));
        return true;
    }

    private bool OnStepHeartbeat(StepHeartbeat m)
    {
        if (!IsNode<StepNode>(m.Node, out var step) || step.Heartbeat is not { } interval || !IsAwaiting(m.Node, m.Attempt)) return false;
        Emit(new HeartbeatRecorded(m.Node, m.Attempt, _now + interval));
        return true;
    }

    private bool OnUndoCompleted(UndoCompleted m)
    {
        if (!IsNode<StepNode>(m.Node, out _) || !IsUndoing(m.Node, m.Attempt)) return false;
        Emit(new NodeUndone(m.Node, m.Attempt));
        return true;
    }

    private bool OnUndoFailed(UndoFailed m)
    {
        if (!IsNode<StepNode>(m.Node, out _) || !IsUndoing(m.Node, m.Attempt)) return false;
        FailUndo(m.Node, m.Attempt, m.Error ?? new SagaError(SagaErrors.TaskFailed, "The undo failed without saying why."));
        return true;
    }

    private bool OnTimerFired(TimerFired m)
    {
        if (m.TimerId == TimerIds.SagaTimeout)
        {
            if (State.TimeoutAt is null) return false;
            _firedTimer = m.TimerId;
            StartUnwinding(SagaStatus.TimedOut, Timeout($"The saga did not finish within {_graph.Timeout}."));
            return true;
        }
        var name = _graph.Order.FirstOrDefault(n => Node(n).Timer?.Id == m.TimerId);
        if (name is null) return false;
        _firedTimer = m.TimerId;
        var node = Node(name);
        switch (node.Timer!.Kind)
        {
            case NodeTimerKind.AttemptTimeout:
                Run(new CancelAction(name));
                FailAttempt(name, node.InFlightAttempt!.Value,
                    Timeout($"Attempt {node.InFlightAttempt} of '{name}' did not finish within {_graph[name].Timeout}."));
                break;
            case NodeTimerKind.HeartbeatTimeout:
                Run(new CancelAction(name));
                FailAttempt(name, node.InFlightAttempt!.Value, new SagaError(SagaErrors.HeartbeatTimeout,
                    $"Attempt {node.InFlightAttempt} of '{name}' sent no heartbeat within {((StepNode)_graph[name]).Heartbeat}."));
                break;
            case NodeTimerKind.Retry:
                StartNode(name, node.Attempts + 1);
                break;
            case NodeTimerKind.Delay:
                Emit(new NodeSucceeded(name, node.InFlightAttempt!.Value, NodeInputs.Null));
                break;
            case NodeTimerKind.SignalTimeout:
                var signal = (SignalNode)_graph[name];
                FailAttempt(name, node.InFlightAttempt!.Value,
                    Timeout($"Signal '{signal.SignalName}' did not arrive within {signal.WaitTimeout}."));
                break;
            case NodeTimerKind.UndoRetry:
                StartUndoAttempt(name, node.UndoAttempts + 1);
                break;
        }
        return true;
    }

    private bool OnSignalReceived(SignalReceived m)
    {
        if (State.IsUnwinding || m.Name is null) return false;
        var payload = NodeInputs.Normalize(m.Payload);
        var waiting = _graph.Order.FirstOrDefault(n =>
            _graph[n] is SignalNode s && s.SignalName == m.Name && Node(n) is { Status: StepStatus.Running, InFlightAttempt: not null });
        if (waiting is not null)
        {
            Emit(new SignalConsumed(waiting, Node(waiting).InFlightAttempt!.Value, m.Name, payload, FromBuffer: false));
            return true;
        }
        // Keep the signal only while a node could still consume it, so the buffer stays bounded.
        var couldConsume = _graph.Order.Count(n =>
            _graph[n] is SignalNode s && s.SignalName == m.Name && Node(n).Status is StepStatus.Pending or StepStatus.RetryWaiting);
        if (State.BufferedSignals.Count(s => s.Name == m.Name) >= couldConsume) return false;
        Emit(new SignalBuffered(m.Name, payload));
        return true;
    }

    private bool OnChildCompleted(ChildCompleted m)
    {
        if (!IsNode<ChildSagaNode>(m.Node, out _) || !m.Status.IsTerminal()) return false;
        var node = Node(m.Node);
        if (node.ChildId != m.ChildId) return false;
        if (node is { Status: StepStatus.Running, InFlightAttempt: { } attempt })
        {
            if (m.Status == SagaStatus.Succeeded)
                Emit(new NodeSucceeded(m.Node, attempt, NodeInputs.Normalize(m.Output ?? NodeInputs.Null)));
            else
                FailAttempt(m.Node, attempt, new SagaError(SagaErrors.ChildFailed, $"Child saga '{m.ChildId}' ended {m.Status}{Describe(m.Error)}"));
            return true;
        }
        if (node is { Status: StepStatus.Undoing, UndoInFlight: { } undoAttempt })
        {
            // A late "Succeeded" is the child's earlier outcome, not the answer to the compensation request.
            if (m.Status == SagaStatus.Succeeded) return false;
            if (m.Status == SagaStatus.Compensated)
                Emit(new NodeUndone(m.Node, undoAttempt));
            else
                FailUndo(m.Node, undoAttempt, new SagaError(SagaErrors.ChildFailed, $"Child saga '{m.ChildId}' was not compensated: it ended {m.Status}{Describe(m.Error)}"));
            return true;
        }
        return false;
    }

    private bool OnCancel(CancelSaga m)
    {
        if (State.IsUnwinding) return false;
        StartUnwinding(SagaStatus.Cancelled, new SagaError(SagaErrors.Cancelled, string.IsNullOrEmpty(m.Reason) ? "The saga was cancelled." : m.Reason));
        return true;
    }

    private bool OnCompensate(CompensateSaga m)
    {
        StartUnwinding(SagaStatus.Compensated, new SagaError(CompensationRequested, string.IsNullOrEmpty(m.Reason) ? "Compensation was requested." : m.Reason));
        return true;
    }

    private bool OnRetryStuckUndo(RetryStuckUndo m)
    {
        if (!IsNode<SagaNode>(m.Node, out _) || Node(m.Node).Status != StepStatus.UndoFailed) return false;
        Emit(new StuckUndoRetried(m.Node));
        StartUndoAttempt(m.Node, Node(m.Node).UndoAttempts + 1);
        return true;
    }

    private bool OnSkipStuckUndo(SkipStuckUndo m)
    {
        if (!IsNode<SagaNode>(m.Node, out _) || Node(m.Node).Status != StepStatus.UndoFailed) return false;
        Emit(new StuckUndoSkipped(m.Node));
        return true;
    }

    private bool IsAwaiting(string name, int attempt) => Node(name) is { Status: StepStatus.Running } node && node.InFlightAttempt == attempt;

    private bool IsUndoing(string name, int attempt) => Node(name) is { Status: StepStatus.Undoing } node && node.UndoInFlight == attempt;

    private static string Describe(SagaError? error) => error is null ? "." : $": {error.Error}: {error.Cause}";
}
