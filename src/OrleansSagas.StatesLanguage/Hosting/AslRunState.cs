using System.Collections.Immutable;
using OrleansSagas.Engine;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.History;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>
/// The saga-side state of a state machine execution: the interpreter's state plus what the runtime needs that
/// the interpreter does not keep (the scheduled invocation of every pending task, to re-run it after a crash,
/// and a per-state summary for observers).
/// </summary>
internal sealed record AslRunState(
    AslExecutionState Execution,
    ImmutableDictionary<string, TaskScheduledEvent> ScheduledTasks,
    ImmutableDictionary<string, StepSummary> States,
    ImmutableList<string> StateOrder)
{
    /// <summary>A fresh state before ExecutionStarted (a new instance each time: decisions change the execution state in place).</summary>
    public static AslRunState Empty => new(AslExecutionState.Empty,
        ImmutableDictionary<string, TaskScheduledEvent>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, StepSummary>.Empty.WithComparers(StringComparer.Ordinal),
        []);

    /// <summary>Records what observers and recovery need from one history event.</summary>
    public AslRunState Track(AslHistoryEvent e)
    {
        var state = this;
        switch (e)
        {
            case TaskScheduledEvent scheduled:
                state = state with { ScheduledTasks = ScheduledTasks.SetItem(scheduled.TaskId, scheduled) };
                state = state.Mark(scheduled.StateName, StepStatus.Running, attempt: true);
                break;
            case StateEnteredEvent entered:
                state = state.Mark(entered.StateName, StepStatus.Running, attempt: false);
                break;
            case StateExitedEvent exited:
                state = state.Mark(exited.StateName, StepStatus.Succeeded, attempt: false);
                break;
            case TaskProgressEvent { Type: "TaskFailed" or "TaskTimedOut" } failed:
                state = state.Mark(failed.StateName, StepStatus.Failed, attempt: false);
                break;
        }
        var pending = Execution.PendingTaskIds;
        if (state.ScheduledTasks.Keys.Any(id => !pending.Contains(id)))
            state = state with { ScheduledTasks = state.ScheduledTasks.RemoveRange(state.ScheduledTasks.Keys.Where(id => !pending.Contains(id)).ToList()) };
        return state;
    }

    private AslRunState Mark(string stateName, StepStatus status, bool attempt)
    {
        var known = States.TryGetValue(stateName, out var current);
        var attempts = (current?.Attempts ?? 0) + (attempt ? 1 : 0);
        return this with
        {
            States = States.SetItem(stateName, new StepSummary(stateName, status, attempts)),
            StateOrder = known ? StateOrder : StateOrder.Add(stateName),
        };
    }
}
