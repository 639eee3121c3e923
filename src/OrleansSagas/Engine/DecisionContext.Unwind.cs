using OrleansSagas.Definitions;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;

namespace OrleansSagas.Engine;

/// <summary>Going backward: stopping what waits, undoing in reverse dependency order, getting stuck, finishing.</summary>
internal sealed partial class DecisionContext
{
    /// <summary>
    /// Stops going forward. Waits and retry timers are abandoned (those nodes never ran successfully, so need no undo);
    /// running children are cancelled; running actions drain, and are cancelled when the saga is cancelled or timed out.
    /// </summary>
    private void StartUnwinding(SagaStatus outcome, SagaError cause)
    {
        Emit(new UnwindStarted(outcome, cause));
        foreach (var name in _graph.Order)
        {
            var node = Node(name);
            switch (_graph[name])
            {
                case var _ when node.Status == StepStatus.RetryWaiting:
                case DelayNode or SignalNode when node.Status == StepStatus.Running:
                    Emit(new NodeAbandoned(name));
                    break;
                case ChildSagaNode when node.Status == StepStatus.Running:
                    Run(new CancelChild(name, node.ChildId!));
                    break;
                case StepNode when node.Status == StepStatus.Running && outcome != SagaStatus.Compensated:
                    Run(new CancelAction(name));
                    break;
            }
        }
    }

    private void ProgressUnwinding()
    {
        var failed = _graph.Order.FirstOrDefault(n => Node(n).Status == StepStatus.UndoFailed);
        if (failed is not null)
        {
            Emit(new SagaStuck(failed, Node(failed).UndoError!));
            Notify();
            return;
        }
        // Reverse topological order: a node's dependents are visited (and possibly undone at once) before it.
        for (var i = _graph.Order.Count - 1; i >= 0; i--)
        {
            var name = _graph.Order[i];
            if (Node(name).Status == StepStatus.Succeeded && _graph.DependentsOf(name).All(IsSettled))
                BeginUndo(name);
        }
        if (_graph.Order.All(IsSettled))
        {
            Emit(new SagaFinished(State.UnwindOutcome, null, State.UnwindCause));
            Notify();
        }
    }

    /// <summary>True when a node will never need (more) undo: never started, failed, or undone.</summary>
    private bool IsSettled(string name) => Node(name).Status is StepStatus.Pending or StepStatus.Failed or StepStatus.Undone;

    private void BeginUndo(string name)
    {
        if (_graph[name] is ChildSagaNode or StepNode { Undo: not null })
            StartUndoAttempt(name, 1);
        else
            Emit(new NodeUndone(name, 0));
    }

    private void StartUndoAttempt(string name, int attempt)
    {
        Emit(new UndoScheduled(name, attempt));
        var node = Node(name);
        if (_graph[name] is ChildSagaNode)
            Run(new CompensateChild(name, node.ChildId!));
        else
            Run(new RunUndo(name, attempt, NodeInputs.InputOf(_graph, State, name), node.Output));
    }

    /// <summary>An undo attempt failed: retry per the step's undo policy, otherwise give up (the saga becomes stuck).</summary>
    private void FailUndo(string name, int attempt, SagaError error)
    {
        var policy = _graph[name] is StepNode step ? step.UndoRetry : RetryPolicy.None;
        if (RetryDelays.FindRetrier(policy, error) is { } index)
        {
            var retrier = policy.Retriers[index];
            var retries = Node(name).UndoRetryCounts.GetValueOrDefault(index) + 1;
            if (retries <= retrier.MaxAttempts)
            {
                var wait = RetryDelays.Compute(retrier, State.SagaId, name + "/undo", attempt + 1, retries);
                Emit(new UndoRetryScheduled(name, attempt, error, index, _now + wait));
                return;
            }
        }
        Emit(new UndoGaveUp(name, attempt, error));
    }
}
