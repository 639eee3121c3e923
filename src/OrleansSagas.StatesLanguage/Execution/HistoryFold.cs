using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>
/// The only code that changes an <see cref="AslExecutionState"/>: folding one history event into it. The decider
/// emits events through this fold too, so a replay of the log rebuilds exactly the state the decider saw.
/// </summary>
internal static class HistoryFold
{
    public const string RootFrameId = "root";

    public static void Apply(AslExecutionState s, AslHistoryEvent e, StateMachineDefinition definition)
    {
        s.LastEventId = e.Id;
        s.LastEventTime = e.Timestamp;
        switch (e)
        {
            case ExecutionStartedEvent started:
                s.Status = AslExecutionStatus.Running;
                s.ExecutionId = started.ExecutionId;
                s.ExecutionName = started.ExecutionName;
                s.StateMachineId = started.StateMachineId;
                s.StateMachineName = started.StateMachineName;
                s.RoleArn = started.RoleArn;
                s.Input = JsonNodes.Clone(started.Input);
                s.StartTime = started.Timestamp;
                var root = NewFrame(s, RootFrameId, null, FrameKind.Root, 0, null);
                root.PendingState = definition.StartAt;
                root.PendingInput = JsonNodes.Clone(started.Input);
                if (started.TimeoutTimerId is not null)
                {
                    s.Timers[started.TimeoutTimerId] = new TimerState
                    {
                        FrameId = RootFrameId, Purpose = TimerPurpose.ExecutionTimeout, DueAt = started.TimeoutDueAt!.Value,
                    };
                }

                break;
            case ExecutionEndedEvent ended:
                s.Status = ended.Type switch
                {
                    "ExecutionSucceeded" => AslExecutionStatus.Succeeded,
                    "ExecutionTimedOut" => AslExecutionStatus.TimedOut,
                    "ExecutionAborted" => AslExecutionStatus.Aborted,
                    _ => AslExecutionStatus.Failed,
                };
                s.Output = JsonNodes.Clone(ended.Output);
                s.Error = ended.Error;
                s.Cause = ended.Cause;
                s.Frames.Clear();
                s.Timers.Clear();
                s.Tasks.Clear();
                break;
            case StateEnteredEvent entered:
                ApplyEntered(s, entered);
                break;
            case StateExitedEvent exited:
                ApplyExited(s, exited);
                break;
            case TaskScheduledEvent scheduled:
                ApplyScheduled(s, scheduled);
                break;
            case TaskProgressEvent progress:
                ApplyTaskProgress(s, progress);
                break;
            case StateLifecycleEvent lifecycle:
                ApplyLifecycle(s, lifecycle, definition);
                break;
            case MapIterationEvent iteration:
                ApplyIteration(s, iteration, definition);
                break;
        }
    }

    public static StatesBlock BlockOf(FrameState frame, StateMachineDefinition definition) => frame.Kind switch
    {
        FrameKind.Branch => definition.AllStates[frame.OwnerState!].Branches[frame.Index],
        FrameKind.Iteration => definition.AllStates[frame.OwnerState!].ItemProcessor!,
        _ => definition.Model.Root,
    };

    private static FrameState NewFrame(AslExecutionState s, string id, string? parentId, FrameKind kind, int index, string? owner)
    {
        var frame = new FrameState
        {
            Id = id, ParentId = parentId, Kind = kind, Index = index, OwnerState = owner,
            Sequence = s.NextFrameSequence++, Phase = FramePhase.Ready,
        };
        s.Frames[id] = frame;
        return frame;
    }

    private static void ApplyEntered(AslExecutionState s, StateEnteredEvent e)
    {
        var f = s.Frames[e.FrameId];
        f.CurrentState = e.StateName;
        f.Input = JsonNodes.Clone(e.Input);
        f.EnteredEventId = e.Id;
        f.EnteredTime = e.Timestamp;
        f.RetryCount = 0;
        f.PendingState = null;
        f.PendingInput = null;
        f.Phase = FramePhase.Running;
        if (e.TimerId is not null)
        {
            s.Timers[e.TimerId] = new TimerState { FrameId = f.Id, Purpose = TimerPurpose.Wait, DueAt = e.TimerDueAt!.Value };
            f.TimerId = e.TimerId;
            f.Phase = FramePhase.AwaitTimer;
        }
    }

    private static void ApplyExited(AslExecutionState s, StateExitedEvent e)
    {
        var f = s.Frames[e.FrameId];
        if (e.AssignedVariables is not null)
        {
            foreach (var (name, value) in e.AssignedVariables)
            {
                f.Variables[name] = JsonNodes.Clone(value);
            }
        }

        ClearTimer(s, f);
        f.Container = null;
        if (e.Next is not null)
        {
            f.Phase = FramePhase.Ready;
            f.PendingState = e.Next;
            f.PendingInput = JsonNodes.Clone(e.Output);
            return;
        }

        f.Phase = FramePhase.Completed;
        f.Output = JsonNodes.Clone(e.Output);
        if (f.Kind == FrameKind.Branch && s.Frames.TryGetValue(f.ParentId!, out var parent) && parent.Container is { } c)
        {
            // Parallel branches have no per-branch event in Step Functions' history: the branch's last exit records its result.
            c.Results[f.Index] = JsonNodes.Clone(e.Output);
            c.Succeeded++;
            c.Running--;
            c.Children.Remove(f.Id);
            s.Frames.Remove(f.Id);
        }
    }

    private static void ApplyScheduled(AslExecutionState s, TaskScheduledEvent e)
    {
        var f = s.Frames[e.FrameId];
        LeaveRetryWait(s, f);
        f.TaskId = e.TaskId;
        f.Phase = FramePhase.AwaitTask;
        s.Tasks[e.TaskId] = new TaskState
        {
            FrameId = f.Id, StateName = e.StateName, TimeoutTimerId = e.TimeoutTimerId, HeartbeatTimerId = e.HeartbeatTimerId,
            HeartbeatSeconds = e.HeartbeatSeconds,
        };
        if (e.TimeoutTimerId is not null)
        {
            s.Timers[e.TimeoutTimerId] = new TimerState { FrameId = f.Id, Purpose = TimerPurpose.TaskTimeout, DueAt = e.TimeoutDueAt!.Value, TaskId = e.TaskId };
        }

        if (e.HeartbeatTimerId is not null)
        {
            s.Timers[e.HeartbeatTimerId] = new TimerState { FrameId = f.Id, Purpose = TimerPurpose.HeartbeatTimeout, DueAt = e.HeartbeatDueAt!.Value, TaskId = e.TaskId };
        }
    }

    private static void ApplyTaskProgress(AslExecutionState s, TaskProgressEvent e)
    {
        var f = s.Frames[e.FrameId];
        if (e.Type == "TaskStarted")
        {
            return;
        }

        if (e.Type == "TaskHeartbeat" && e.TaskId is not null && s.Tasks.TryGetValue(e.TaskId, out var beating))
        {
            if (beating.HeartbeatTimerId is not null)
            {
                s.Timers.Remove(beating.HeartbeatTimerId);
            }

            beating.HeartbeatTimerId = e.HeartbeatTimerId;
            s.Timers[e.HeartbeatTimerId!] = new TimerState { FrameId = f.Id, Purpose = TimerPurpose.HeartbeatTimeout, DueAt = e.HeartbeatDueAt!.Value, TaskId = e.TaskId };
            return;
        }

        if (e.TaskId is not null && s.Tasks.Remove(e.TaskId, out var task))
        {
            RemoveTimer(s, task.TimeoutTimerId);
            RemoveTimer(s, task.HeartbeatTimerId);
        }

        f.TaskId = null;
        f.Phase = FramePhase.Running;
        ScheduleRetry(s, f, e.RetryTimerId, e.RetryDueAt);
    }

    private static void ApplyLifecycle(AslExecutionState s, StateLifecycleEvent e, StateMachineDefinition definition)
    {
        var f = s.Frames[e.FrameId];
        if (e.RetryTimerId is null) LeaveRetryWait(s, f);
        switch (e.Type)
        {
            case "ParallelStateStarted":
                f.Phase = FramePhase.AwaitChildren;
                f.Container = new ContainerState { Length = e.Length, Input = JsonNodes.Clone(e.Input), Running = e.Length };
                for (var i = 0; i < e.Length; i++)
                {
                    f.Container.Results.Add(null);
                    var child = NewFrame(s, $"f{e.Id}.{i}", f.Id, FrameKind.Branch, i, e.StateName);
                    child.PendingState = definition.AllStates[e.StateName].Branches[i].StartAt;
                    child.PendingInput = JsonNodes.Clone(e.Input);
                    f.Container.Children.Add(child.Id);
                }

                break;
            case "MapStateStarted":
                f.Phase = FramePhase.AwaitChildren;
                f.Container = new ContainerState
                {
                    IsMap = true, Length = e.Length, Input = JsonNodes.Clone(e.Input), Items = (JsonArray?)JsonNodes.Clone(e.Items),
                    MaxConcurrency = e.MaxConcurrency, ToleratedFailureCount = e.ToleratedFailureCount,
                    ToleratedFailurePercentage = e.ToleratedFailurePercentage,
                };
                for (var i = 0; i < e.Length; i++)
                {
                    f.Container.Results.Add(null);
                }

                break;
            default:
                // …Succeeded / …Failed: the children are finished or abandoned.
                RemoveDescendants(s, f);
                f.Phase = FramePhase.Running;
                if (e.Type.EndsWith("Failed", StringComparison.Ordinal))
                {
                    f.Container = null;
                    ScheduleRetry(s, f, e.RetryTimerId, e.RetryDueAt);
                }

                break;
        }
    }

    private static void ApplyIteration(AslExecutionState s, MapIterationEvent e, StateMachineDefinition definition)
    {
        var f = s.Frames[e.FrameId];
        var c = f.Container!;
        switch (e.Type)
        {
            case "MapIterationStarted":
                var child = NewFrame(s, $"f{e.Id}", f.Id, FrameKind.Iteration, e.Index, e.StateName);
                child.PendingState = definition.AllStates[e.StateName].ItemProcessor!.StartAt;
                child.PendingInput = JsonNodes.Clone(e.Input);
                c.Children.Add(child.Id);
                c.NextIndex = Math.Max(c.NextIndex, e.Index + 1);
                c.Running++;
                break;
            case "MapIterationSucceeded":
            case "MapIterationFailed":
                var done = c.Children.Select(id => s.Frames.GetValueOrDefault(id)).FirstOrDefault(x => x is not null && x.Index == e.Index);
                if (done is not null)
                {
                    RemoveFrameTree(s, done);
                    c.Children.Remove(done.Id);
                }

                c.Running--;
                if (e.Type == "MapIterationSucceeded")
                {
                    c.Results[e.Index] = JsonNodes.Clone(e.Output);
                    c.Succeeded++;
                }
                else
                {
                    c.Results[e.Index] = new JsonObject { ["Error"] = e.Error, ["Cause"] = e.Cause };
                    c.Failed++;
                }

                break;
        }
    }

    private static void ScheduleRetry(AslExecutionState s, FrameState f, string? timerId, DateTimeOffset? dueAt)
    {
        if (timerId is null)
        {
            return;
        }

        f.Phase = FramePhase.AwaitRetry;
        f.TimerId = timerId;
        f.RetryCount++;
        s.Timers[timerId] = new TimerState { FrameId = f.Id, Purpose = TimerPurpose.Retry, DueAt = dueAt!.Value };
    }

    /// <summary>A retry starts: its back-off timer has done its job, so a late or repeated firing of it must be stale.</summary>
    private static void LeaveRetryWait(AslExecutionState s, FrameState f)
    {
        if (f.Phase == FramePhase.AwaitRetry) ClearTimer(s, f);
    }

    private static void ClearTimer(AslExecutionState s, FrameState f)
    {
        RemoveTimer(s, f.TimerId);
        f.TimerId = null;
    }

    private static void RemoveTimer(AslExecutionState s, string? timerId)
    {
        if (timerId is not null)
        {
            s.Timers.Remove(timerId);
        }
    }

    private static void RemoveDescendants(AslExecutionState s, FrameState f)
    {
        foreach (var child in s.Frames.Values.Where(x => x.ParentId == f.Id).ToList())
        {
            RemoveFrameTree(s, child);
        }

        if (f.Container is not null)
        {
            f.Container.Children.Clear();
        }
    }

    /// <summary>Drops a frame, its descendants, and the tasks and timers they were waiting for.</summary>
    internal static void RemoveFrameTree(AslExecutionState s, FrameState f)
    {
        RemoveDescendants(s, f);
        foreach (var (taskId, task) in s.Tasks.Where(t => t.Value.FrameId == f.Id).ToList())
        {
            s.Tasks.Remove(taskId);
            RemoveTimer(s, task.TimeoutTimerId);
            RemoveTimer(s, task.HeartbeatTimerId);
        }

        ClearTimer(s, f);
        s.Frames.Remove(f.Id);
    }
}
