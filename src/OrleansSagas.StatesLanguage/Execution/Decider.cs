using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>
/// One decision: handles a message, then advances every ready path until all wait for a task, a timer or
/// children, or the execution ends. State changes only through <see cref="Emit"/> (event + fold).
/// </summary>
internal sealed partial class Decider
{
    private readonly AslExecutionState _s;
    private readonly StateMachineDefinition _definition;
    private readonly AslInterpreterOptions _options;
    private readonly DateTimeOffset _now;
    private readonly List<AslHistoryEvent> _events = [];
    private readonly List<AslEffect> _effects = [];

    public Decider(AslExecutionState state, StateMachineDefinition definition, AslInterpreterOptions options, DateTimeOffset now)
    {
        _s = state;
        _definition = definition;
        _options = options;
        _now = now;
    }

    private long NextEventId => _s.LastEventId + 1;

    private bool Running => _s.Status == AslExecutionStatus.Running;

    public AslDecision Decide(AslMessage message)
    {
        switch (message)
        {
            case AslStartExecution start:
                Start(start);
                break;
            case AslTaskSucceeded succeeded when Running:
                OnTaskSucceeded(succeeded);
                break;
            case AslTaskFailed failed when Running:
                OnTaskFailed(failed);
                break;
            case AslTaskHeartbeat heartbeat when Running:
                OnHeartbeat(heartbeat);
                break;
            case AslTimerFired fired when Running:
                OnTimerFired(fired);
                break;
            case AslStopExecution stop when Running:
                EndExecution("ExecutionAborted", null, stop.Error, stop.Cause, AslExecutionStatus.Aborted);
                break;
        }

        RunReadyFrames();
        return new AslDecision(_events, _effects, _s);
    }

    private void Emit(AslHistoryEvent e)
    {
        var numbered = e with { Id = NextEventId, PreviousEventId = _s.LastEventId, Timestamp = _now };
        _events.Add(numbered);
        HistoryFold.Apply(_s, numbered, _definition);
    }

    private void Start(AslStartExecution start)
    {
        if (_s.Status != AslExecutionStatus.NotStarted)
        {
            return;
        }

        var timeout = _definition.TimeoutSeconds;
        Emit(new ExecutionStartedEvent
        {
            Type = "ExecutionStarted",
            Input = JsonNodes.Clone(start.Input),
            ExecutionId = start.ExecutionId,
            ExecutionName = start.ExecutionName ?? start.ExecutionId,
            StateMachineId = start.StateMachineId,
            StateMachineName = start.StateMachineName ?? start.StateMachineId,
            RoleArn = start.RoleArn,
            TimeoutTimerId = timeout is null ? null : "execution-timeout",
            TimeoutDueAt = timeout is null ? null : _now.AddSeconds(timeout.Value),
        });
        if (timeout is not null)
        {
            _effects.Add(new AslStartTimer("execution-timeout", _now.AddSeconds(timeout.Value)));
        }

        if (JsonNodes.Utf8Size(start.Input) > _options.PayloadSizeLimitBytes)
        {
            EndExecution("ExecutionFailed", null, AslErrorNames.DataLimitExceeded,
                "The execution input has a size exceeding the maximum number of bytes service limit.", AslExecutionStatus.Failed);
        }
    }

    private void RunReadyFrames()
    {
        while (Running)
        {
            var ready = _s.Frames.Values.Where(f => f.Phase == FramePhase.Ready).MinBy(f => f.Sequence);
            if (ready is null)
            {
                return;
            }

            EnterState(ready);
        }
    }

    private StateNode StateOf(FrameState frame) => _definition.AllStates[frame.CurrentState!];

    /// <summary>Reads a variable from the frame, then its enclosing frames (inner paths see outer variables).</summary>
    private Func<string, (bool, JsonNode?)> VariablesOf(FrameState frame) => name =>
    {
        for (var f = frame; f is not null; f = f.ParentId is null ? null : _s.Frames.GetValueOrDefault(f.ParentId))
        {
            if (f.Variables.TryGetValue(name, out var value))
            {
                return (true, value);
            }
        }

        return (false, null);
    };

    private EvaluationScope Scope(FrameState frame, StateNode state, JsonNode? input, string? taskToken = null, (int, JsonNode?)? mapItem = null) =>
        new(input, ContextObject.Build(_s, frame, state, taskToken, mapItem), VariablesOf(frame), state.Name, frame.EnteredEventId,
            new DeterministicRandom($"{_s.ExecutionId}/{NextEventId}"));

    /// <summary>Records the state's exit; a null next ends the frame's path.</summary>
    private void ExitState(FrameState frame, StateNode state, JsonNode? output, JsonObject? assigned, string? next)
    {
        if (JsonNodes.Utf8Size(output) > _options.PayloadSizeLimitBytes)
        {
            throw new StateFailureException(AslErrorNames.DataLimitExceeded,
                $"The state/task '{state.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
        }

        Emit(new StateExitedEvent
        {
            Type = $"{state.Type}StateExited",
            FrameId = frame.Id,
            StateName = state.Name,
            Output = output,
            AssignedVariables = assigned,
            Next = next,
        });
        if (next is null)
        {
            OnFrameCompleted(frame);
        }
    }

    private void OnFrameCompleted(FrameState frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Root:
                EndExecution("ExecutionSucceeded", frame.Output, null, null, AslExecutionStatus.Succeeded);
                break;
            case FrameKind.Branch:
                ContinueContainer(_s.Frames[frame.ParentId!]);
                break;
            case FrameKind.Iteration:
                var parent = _s.Frames[frame.ParentId!];
                Emit(new MapIterationEvent
                {
                    Type = "MapIterationSucceeded", FrameId = parent.Id, StateName = parent.CurrentState!, Index = frame.Index,
                    Output = JsonNodes.Clone(frame.Output),
                });
                ContinueContainer(parent);
                break;
        }
    }

    private void FailFrame(FrameState frame, string? error, string? cause)
    {
        switch (frame.Kind)
        {
            case FrameKind.Root:
                EndExecution("ExecutionFailed", null, error, cause, AslExecutionStatus.Failed);
                break;
            case FrameKind.Branch:
                var parallel = _s.Frames[frame.ParentId!];
                CancelWorkOf(parallel, includeSelf: false);
                HandleStateError(parallel, StateOf(parallel), error ?? string.Empty, cause, LifecycleFailure(parallel, error, cause), emitWhenUnhandled: true);
                break;
            case FrameKind.Iteration:
                OnIterationFailed(frame, error, cause);
                break;
        }
    }

    private void EndExecution(string type, JsonNode? output, string? error, string? cause, AslExecutionStatus status)
    {
        foreach (var taskId in _s.Tasks.Keys)
        {
            _effects.Add(new AslCancelTask(taskId));
        }

        foreach (var timerId in _s.Timers.Keys)
        {
            _effects.Add(new AslCancelTimer(timerId));
        }

        Emit(new ExecutionEndedEvent { Type = type, Output = JsonNodes.Clone(output), Error = error, Cause = cause });
        _effects.Add(new AslExecutionCompleted(status, JsonNodes.Clone(output), error, cause));
    }

    /// <summary>Asks the host to cancel the tasks and timers of a frame's sub-paths (and of the frame itself).</summary>
    private void CancelWorkOf(FrameState frame, bool includeSelf)
    {
        var doomed = new HashSet<string>(StringComparer.Ordinal);
        if (includeSelf)
        {
            doomed.Add(frame.Id);
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var f in _s.Frames.Values)
            {
                if (f.ParentId is not null && (doomed.Contains(f.ParentId) || f.ParentId == frame.Id) && doomed.Add(f.Id))
                {
                    changed = true;
                }
            }
        }
        while (changed);

        foreach (var (taskId, task) in _s.Tasks.Where(t => doomed.Contains(t.Value.FrameId)))
        {
            _effects.Add(new AslCancelTask(taskId));
        }

        foreach (var (timerId, _) in _s.Timers.Where(t => doomed.Contains(t.Value.FrameId) && t.Value.Purpose != TimerPurpose.ExecutionTimeout))
        {
            _effects.Add(new AslCancelTimer(timerId));
        }
    }
}
