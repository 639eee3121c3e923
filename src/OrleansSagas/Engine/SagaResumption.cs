using OrleansSagas.Definitions;
using OrleansSagas.Engine.Commands;

namespace OrleansSagas.Engine;

/// <summary>What to re-issue when a saga is activated from its log: work recorded as scheduled with no result yet.</summary>
internal static class SagaResumption
{
    public static IReadOnlyList<SagaCommand> Commands(SagaGraph graph, SagaState state)
    {
        var commands = new List<SagaCommand>();
        if (!state.IsStarted) return commands;
        var cancelling = state.IsUnwinding && state.UnwindOutcome != SagaStatus.Compensated;
        foreach (var name in graph.Order)
        {
            var node = state.Node(name);
            if (node is { Status: StepStatus.Running, InFlightAttempt: { } attempt })
            {
                switch (graph[name])
                {
                    case StepNode step:
                        commands.Add(NodeInputs.RunActionOf(graph, state, step, attempt));
                        if (cancelling) commands.Add(new CancelAction(name));
                        break;
                    case ChildSagaNode child:
                        commands.Add(new StartChild(name, node.ChildId!, child.Definition, NodeInputs.InputOf(graph, state, name)));
                        if (state.IsUnwinding) commands.Add(new CancelChild(name, node.ChildId!));
                        break;
                }
            }
            if (node is { Status: StepStatus.Undoing, UndoInFlight: { } undoAttempt })
            {
                commands.Add(graph[name] is ChildSagaNode
                    ? new CompensateChild(name, node.ChildId!)
                    : new RunUndo(name, undoAttempt, NodeInputs.InputOf(graph, state, name), node.Output));
            }
        }
        if (state.Status.IsTerminal()) commands.Add(new NotifyFinished(state.Status, state.Output, state.Error));
        return commands;
    }
}
