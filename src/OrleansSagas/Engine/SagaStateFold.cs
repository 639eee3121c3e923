using System.Collections.Immutable;
using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine.Events;

namespace OrleansSagas.Engine;

/// <summary>
/// Folds one event into a saga's state. Only records facts: every decision (what to schedule, when to
/// unwind, when the saga is finished) is taken by <see cref="SagaDecider.Decide"/> and written down as events.
/// </summary>
internal static class SagaStateFold
{
    public static SagaState Apply(SagaGraph graph, SagaState state, SagaEvent @event)
    {
        var next = @event switch
        {
            SagaStarted e => state with
            {
                IsStarted = true,
                SagaId = e.SagaId,
                Definition = e.Definition,
                Version = e.Version,
                Input = e.Input,
                ParentId = e.ParentId,
                ParentNode = e.ParentNode,
                Status = SagaStatus.Running,
                CreatedAt = e.Timestamp,
                TimeoutAt = e.TimeoutAt,
            },
            ActionScheduled e => Update(state, e.Node, n => Start(n, e.Attempt) with
            {
                AttemptDeadline = e.TimeoutAt,
                Timer = AttemptTimer(e.Node, e.Attempt, e.TimeoutAt, e.HeartbeatDueAt, state.EventCount),
            }),
            HeartbeatRecorded e => Update(state, e.Node, n => n with
            {
                Timer = AttemptTimer(e.Node, e.Attempt, n.AttemptDeadline, e.DueAt, state.EventCount),
            }),
            DelayStarted e => Update(state, e.Node, n => Start(n, e.Attempt) with
            {
                Timer = new NodeTimer(TimerIds.Delay(e.Node, e.Attempt), e.DueAt, NodeTimerKind.Delay),
            }),
            SignalWaitStarted e => Update(state, e.Node, n => Start(n, e.Attempt) with
            {
                Timer = e.TimeoutAt is { } at ? new NodeTimer(TimerIds.SignalTimeout(e.Node, e.Attempt), at, NodeTimerKind.SignalTimeout) : null,
            }),
            ChildSagaStarted e => Update(state, e.Node, n => Start(n, e.Attempt) with { ChildId = e.ChildId, Timer = null }),
            SignalBuffered e => state with { BufferedSignals = state.BufferedSignals.Add(new BufferedSignal(e.SignalName, e.Payload)) },
            SignalConsumed e => Update(ConsumeBuffered(state, e), e.Node, n => Succeed(n, e.Attempt, e.Payload)),
            NodeSucceeded e => Update(state, e.Node, n => Succeed(n, e.Attempt, e.Output)),
            RetryScheduled e => Update(state, e.Node, n => n with
            {
                Status = StepStatus.RetryWaiting,
                InFlightAttempt = null,
                Error = e.Error,
                RetryCounts = Increment(n.RetryCounts, e.RetrierIndex),
                Timer = new NodeTimer(TimerIds.Retry(e.Node, e.Attempt + 1), e.DueAt, NodeTimerKind.Retry),
            }),
            NodeFailed e => Update(state, e.Node, n => n with { Status = StepStatus.Failed, InFlightAttempt = null, Error = e.Error, Timer = null }),
            NodeAbandoned e => Update(state, e.Node, n => n with { Status = StepStatus.Failed, InFlightAttempt = null, Timer = null }),
            UnwindStarted e => state with
            {
                Status = SagaStatus.Running,
                IsUnwinding = true,
                UnwindOutcome = e.Outcome,
                UnwindCause = e.Cause,
                Error = e.Cause,
                Output = null,
                TimeoutAt = null,
            },
            UndoScheduled e => Update(state, e.Node, n => n with { Status = StepStatus.Undoing, UndoAttempts = e.Attempt, UndoInFlight = e.Attempt, Timer = null }),
            NodeUndone e => Update(state, e.Node, n => n with { Status = StepStatus.Undone, UndoInFlight = null, Timer = null }),
            UndoRetryScheduled e => Update(state, e.Node, n => n with
            {
                Status = StepStatus.Undoing,
                UndoInFlight = null,
                UndoError = e.Error,
                UndoRetryCounts = Increment(n.UndoRetryCounts, e.RetrierIndex),
                Timer = new NodeTimer(TimerIds.UndoRetry(e.Node, e.Attempt + 1), e.DueAt, NodeTimerKind.UndoRetry),
            }),
            UndoGaveUp e => Update(state, e.Node, n => n with { Status = StepStatus.UndoFailed, UndoInFlight = null, UndoError = e.Error, Timer = null }),
            SagaStuck e => state with { Status = SagaStatus.Stuck, StuckNode = e.Node, Error = e.Error },
            StuckUndoRetried e => Update(Unstick(state), e.Node, n => n with
            {
                Status = StepStatus.Undoing,
                UndoRetryCounts = ImmutableSortedDictionary<int, int>.Empty,
            }),
            StuckUndoSkipped e => Update(Unstick(state), e.Node, n => n with { Status = StepStatus.Undone }),
            SagaFinished e => state with { Status = e.Status, Output = e.Output, Error = e.Error, StuckNode = null, TimeoutAt = null },
            _ => state,
        };
        next = next with { EventCount = state.EventCount + 1, UpdatedAt = @event.Timestamp };
        return next with { Steps = Summaries(graph, next) };
    }

    /// <summary>The earlier of an attempt's deadlines: its timeout, or its next heartbeat.</summary>
    private static NodeTimer? AttemptTimer(string node, int attempt, DateTimeOffset? timeoutAt, DateTimeOffset? heartbeatAt, long sequence) =>
        (timeoutAt, heartbeatAt) switch
        {
            ({ } t, { } h) when h < t => new NodeTimer(TimerIds.Heartbeat(node, attempt, sequence), h, NodeTimerKind.HeartbeatTimeout),
            ({ } t, _) => new NodeTimer(TimerIds.AttemptTimeout(node, attempt), t, NodeTimerKind.AttemptTimeout),
            (null, { } h) => new NodeTimer(TimerIds.Heartbeat(node, attempt, sequence), h, NodeTimerKind.HeartbeatTimeout),
            _ => null,
        };

    private static NodeState Start(NodeState node, int attempt) => node with
    {
        Status = StepStatus.Running,
        Attempts = Math.Max(node.Attempts, attempt),
        InFlightAttempt = attempt,
    };

    private static NodeState Succeed(NodeState node, int attempt, JsonElement output) => node with
    {
        Status = StepStatus.Succeeded,
        Attempts = Math.Max(node.Attempts, attempt),
        InFlightAttempt = null,
        Output = output,
        Error = null,
        Timer = null,
    };

    private static SagaState Unstick(SagaState state) =>
        state with { Status = SagaStatus.Running, StuckNode = null, Error = state.UnwindCause };

    private static SagaState ConsumeBuffered(SagaState state, SignalConsumed e)
    {
        if (!e.FromBuffer) return state;
        var index = state.BufferedSignals.FindIndex(s => s.Name == e.SignalName);
        return index < 0 ? state : state with { BufferedSignals = state.BufferedSignals.RemoveAt(index) };
    }

    private static ImmutableSortedDictionary<int, int> Increment(ImmutableSortedDictionary<int, int> counts, int index) =>
        counts.SetItem(index, counts.GetValueOrDefault(index) + 1);

    private static SagaState Update(SagaState state, string node, Func<NodeState, NodeState> change) =>
        state with { Nodes = state.Nodes.SetItem(node, change(state.Node(node))) };

    private static StepSummary[] Summaries(SagaGraph graph, SagaState state) =>
        [.. graph.Order.Select(name =>
        {
            var node = state.Node(name);
            return new StepSummary(name, node.Status, node.Attempts);
        })];
}
