using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Retry and Catch: the first matching retrier decides; otherwise the first matching catcher; otherwise the path fails.</summary>
internal sealed partial class Decider
{
    /// <param name="frame">The path whose current state failed.</param>
    /// <param name="state">The failed state.</param>
    /// <param name="error">The error name.</param>
    /// <param name="cause">The cause.</param>
    /// <param name="failureEvent">Builds the state's failure event (TaskFailed, MapStateFailed, …), given the retry timer if any.</param>
    /// <param name="emitWhenUnhandled">Whether to record the failure event even when no retrier or catcher takes it.</param>
    private void HandleStateError(
        FrameState frame,
        StateNode state,
        string error,
        string? cause,
        Func<string?, DateTimeOffset?, AslHistoryEvent>? failureEvent,
        bool emitWhenUnhandled)
    {
        if (!Running || !_s.Frames.ContainsKey(frame.Id))
        {
            return;
        }

        var retrier = state.Retry.FirstOrDefault(r => ErrorMatcher.Matches(r.ErrorEquals, error));
        if (retrier is not null && frame.RetryCount < retrier.MaxAttempts)
        {
            var attempt = frame.RetryCount + 1;
            var delay = RetryDelay.Compute(retrier, attempt, $"{_s.ExecutionId}/{state.Name}/{frame.Id}/{attempt}");
            var timerId = $"retry-{NextEventId}";
            var due = _now + delay;
            Emit(failureEvent?.Invoke(timerId, due) ?? RetryMarker(frame, state, error, cause, timerId, due));
            _effects.Add(new AslStartTimer(timerId, due));
            return;
        }

        var catcher = state.Catch.FirstOrDefault(c => ErrorMatcher.Matches(c.ErrorEquals, error));
        if (catcher is null)
        {
            if (failureEvent is not null && emitWhenUnhandled)
            {
                Emit(failureEvent(null, null));
            }

            FailFrame(frame, error, cause);
            return;
        }

        if (failureEvent is not null)
        {
            Emit(failureEvent(null, null));
        }

        try
        {
            var errorOutput = new JsonObject { ["Error"] = error, ["Cause"] = cause };
            if (IsJsonata(state))
            {
                CatchJsonata(frame, state, catcher, errorOutput);
                return;
            }

            var scope = Scope(frame, state, errorOutput);
            var assigned = EvaluateAssign(catcher.Assign, scope);
            var output = StateDataFlow.ApplyResultPath(frame.Input, errorOutput, catcher.ResultPath, catcher.ResultPathIsNull, scope.WithInput(frame.Input));
            ExitState(frame, state, output, assigned, catcher.Next);
        }
        catch (StateFailureException ex)
        {
            FailFrame(frame, ex.Error, ex.Cause);
        }
    }

    /// <summary>A retry needs an event to carry its timer; states without a dedicated failure event use TaskFailed.</summary>
    private AslHistoryEvent RetryMarker(FrameState frame, StateNode state, string error, string? cause, string timerId, DateTimeOffset due) =>
        state.Type is StateType.Map or StateType.Parallel
            ? LifecycleFailure(frame, error, cause)(timerId, due)
            : TaskFailure(frame, state, "TaskFailed", null, error, cause, timerId, due);

    private Func<string?, DateTimeOffset?, AslHistoryEvent> LifecycleFailure(FrameState frame, string? error, string? cause)
    {
        var state = StateOf(frame);
        return (timerId, due) => new StateLifecycleEvent
        {
            Type = $"{state.Type}StateFailed", FrameId = frame.Id, StateName = state.Name, Error = error, Cause = cause,
            RetryTimerId = timerId, RetryDueAt = due,
        };
    }
}
