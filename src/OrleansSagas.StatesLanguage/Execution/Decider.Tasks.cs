using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.JsonPath;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Task states: scheduling, results, failures, heartbeats and timeouts.</summary>
internal sealed partial class Decider
{
    private const string WaitForTaskTokenSuffix = ".waitForTaskToken";

    private void RunTask(FrameState frame, StateNode state)
    {
        JsonNode? parameters;
        int? timeout, heartbeat;
        string? token = null;
        try
        {
            var scope = Scope(frame, state, frame.Input);
            var effective = StateDataFlow.SelectPath(state.InputPath, state.InputPathIsNull, scope);
            if (state.Resource!.EndsWith(WaitForTaskTokenSuffix, StringComparison.Ordinal))
            {
                token = TaskToken(frame);
            }

            if (IsJsonata(state))
            {
                (parameters, timeout, heartbeat) = TaskInputJsonata(frame, state, token);
            }
            else
            {
                var effectiveScope = Scope(frame, state, effective, token);
                parameters = state.HasParameters ? PayloadTemplate.Evaluate(state.Parameters, effectiveScope) : effective;
                timeout = state.TimeoutSeconds ?? PositiveSeconds(state.TimeoutSecondsPath, "TimeoutSecondsPath", effectiveScope);
                heartbeat = state.HeartbeatSeconds ?? PositiveSeconds(state.HeartbeatSecondsPath, "HeartbeatSecondsPath", effectiveScope);
            }

            if (JsonNodes.Utf8Size(parameters) > _options.PayloadSizeLimitBytes)
            {
                throw new StateFailureException(AslErrorNames.DataLimitExceeded,
                    $"The state/task '{state.Name}' has an input with a size exceeding the maximum number of bytes service limit.");
            }
        }
        catch (StateFailureException ex)
        {
            HandleStateError(frame, state, ex.Error, ex.Cause,
                (timerId, due) => TaskFailure(frame, state, "TaskFailed", null, ex.Error, ex.Cause, timerId, due), emitWhenUnhandled: false);
            return;
        }

        var taskId = $"task-{NextEventId}";
        var timeoutTimer = timeout is null ? null : $"timeout-{NextEventId}";
        var heartbeatTimer = heartbeat is null ? null : $"heartbeat-{NextEventId}";
        var attempt = frame.RetryCount + 1;
        Emit(new TaskScheduledEvent
        {
            Type = "TaskScheduled", FrameId = frame.Id, StateName = state.Name, TaskId = taskId, Resource = state.Resource!,
            Parameters = JsonNodes.Clone(parameters), TaskToken = token, Attempt = attempt, TimeoutSeconds = timeout,
            HeartbeatSeconds = heartbeat, TimeoutTimerId = timeoutTimer, TimeoutDueAt = timeout is null ? null : _now.AddSeconds(timeout.Value),
            HeartbeatTimerId = heartbeatTimer, HeartbeatDueAt = heartbeat is null ? null : _now.AddSeconds(heartbeat.Value),
        });
        _effects.Add(new AslInvokeTask
        {
            TaskId = taskId, StateName = state.Name, Resource = state.Resource!, Parameters = JsonNodes.Clone(parameters),
            TaskToken = token, TimeoutSeconds = timeout, HeartbeatSeconds = heartbeat, Attempt = attempt,
        });
        if (timeoutTimer is not null)
        {
            _effects.Add(new AslStartTimer(timeoutTimer, _now.AddSeconds(timeout!.Value)));
        }

        if (heartbeatTimer is not null)
        {
            _effects.Add(new AslStartTimer(heartbeatTimer, _now.AddSeconds(heartbeat!.Value)));
        }

        Emit(new TaskProgressEvent { Type = "TaskStarted", FrameId = frame.Id, StateName = state.Name, TaskId = taskId });
    }

    private string TaskToken(FrameState frame)
    {
        if (_options.TaskTokenFactory is { } issue)
        {
            return issue(_s.ExecutionName, $"task-{NextEventId}", frame.RetryCount + 1);
        }

        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{_s.ExecutionId}|{frame.Id}|{NextEventId}"));
        return Convert.ToBase64String(bytes);
    }

    private static int? PositiveSeconds(string? path, string field, EvaluationScope scope)
    {
        if (path is null)
        {
            return null;
        }

        var value = scope.ResolveOrFail(JsonPathParser.Parse(path));
        return JsonNodes.TryGetInteger(value, out var seconds) && seconds is > 0 and <= int.MaxValue
            ? (int)seconds
            : throw scope.RuntimeError($"The {field} field refers to value \"{JsonNodes.ToJson(value)}\" which is not a valid positive integer: {path}");
    }

    private TaskProgressEvent TaskFailure(FrameState frame, StateNode state, string type, string? taskId, string? error, string? cause, string? retryTimerId, DateTimeOffset? retryDue) =>
        new()
        {
            Type = type, FrameId = frame.Id, StateName = state.Name, TaskId = taskId, Error = error, Cause = cause,
            RetryTimerId = retryTimerId, RetryDueAt = retryDue,
        };

    private void OnTaskSucceeded(AslTaskSucceeded message)
    {
        if (!_s.Tasks.TryGetValue(message.TaskId, out var task))
        {
            return; // Unknown or already settled (a duplicate delivery, or the task was cancelled).
        }

        var frame = _s.Frames[task.FrameId];
        var state = _definition.AllStates[task.StateName];
        CancelTaskTimers(task);
        Emit(new TaskProgressEvent
        {
            Type = "TaskSucceeded", FrameId = frame.Id, StateName = state.Name, TaskId = message.TaskId, Output = JsonNodes.Clone(message.Output),
        });
        try
        {
            if (JsonNodes.Utf8Size(message.Output) > _options.PayloadSizeLimitBytes)
            {
                throw new StateFailureException(AslErrorNames.DataLimitExceeded,
                    $"The state/task '{state.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
            }

            FinishTaskLike(frame, state, message.Output);
        }
        catch (StateFailureException ex)
        {
            HandleStateError(frame, state, ex.Error, ex.Cause, failureEvent: null, emitWhenUnhandled: false);
        }
    }

    /// <summary>Task, Parallel and Map results: ResultSelector, then Assign/ResultPath/OutputPath.</summary>
    private void FinishTaskLike(FrameState frame, StateNode state, JsonNode? result)
    {
        if (state.ResultSelector is not null)
        {
            result = PayloadTemplate.Evaluate(state.ResultSelector, Scope(frame, state, result));
        }

        FinishWithResult(frame, state, result, state.Next);
    }

    private void OnTaskFailed(AslTaskFailed message)
    {
        if (!_s.Tasks.TryGetValue(message.TaskId, out var task))
        {
            return;
        }

        var frame = _s.Frames[task.FrameId];
        var state = _definition.AllStates[task.StateName];
        CancelTaskTimers(task);
        HandleStateError(frame, state, message.Error ?? string.Empty, message.Cause,
            (timerId, due) => TaskFailure(frame, state, "TaskFailed", message.TaskId, message.Error, message.Cause, timerId, due), emitWhenUnhandled: true);
    }

    private void OnHeartbeat(AslTaskHeartbeat message)
    {
        if (!_s.Tasks.TryGetValue(message.TaskId, out var task) || task.HeartbeatSeconds is not { } seconds)
        {
            return;
        }

        if (task.HeartbeatTimerId is not null)
        {
            _effects.Add(new AslCancelTimer(task.HeartbeatTimerId));
        }

        var timerId = $"heartbeat-{NextEventId}";
        var due = _now.AddSeconds(seconds);
        Emit(new TaskProgressEvent
        {
            Type = "TaskHeartbeat", FrameId = task.FrameId, StateName = task.StateName, TaskId = message.TaskId,
            HeartbeatTimerId = timerId, HeartbeatDueAt = due,
        });
        _effects.Add(new AslStartTimer(timerId, due));
    }

    private void CancelTaskTimers(TaskState task)
    {
        foreach (var timerId in new[] { task.TimeoutTimerId, task.HeartbeatTimerId })
        {
            if (timerId is not null)
            {
                _effects.Add(new AslCancelTimer(timerId));
            }
        }
    }

    private void OnTimerFired(AslTimerFired message)
    {
        if (!_s.Timers.TryGetValue(message.TimerId, out var timer))
        {
            return; // Stale: the timer was cancelled or already handled.
        }

        if (timer.Purpose == TimerPurpose.ExecutionTimeout)
        {
            EndExecution("ExecutionTimedOut", null, AslErrorNames.Timeout, "The execution has exceeded its TimeoutSeconds.", AslExecutionStatus.TimedOut);
            return;
        }

        var frame = _s.Frames[timer.FrameId];
        var state = StateOf(frame);
        switch (timer.Purpose)
        {
            case TimerPurpose.Wait:
                FinishWait(frame, state);
                break;
            case TimerPurpose.Retry:
                ExecuteState(frame, state);
                break;
            case TimerPurpose.TaskTimeout:
            case TimerPurpose.HeartbeatTimeout:
                var task = _s.Tasks[timer.TaskId!];
                var error = timer.Purpose == TimerPurpose.TaskTimeout ? AslErrorNames.Timeout : AslErrorNames.HeartbeatTimeout;
                _effects.Add(new AslCancelTask(timer.TaskId!));
                foreach (var other in new[] { task.TimeoutTimerId, task.HeartbeatTimerId })
                {
                    if (other is not null && other != message.TimerId)
                    {
                        _effects.Add(new AslCancelTimer(other));
                    }
                }

                HandleStateError(frame, state, error, null,
                    (timerId, due) => TaskFailure(frame, state, "TaskTimedOut", timer.TaskId, error, null, timerId, due), emitWhenUnhandled: true);
                break;
        }
    }
}
