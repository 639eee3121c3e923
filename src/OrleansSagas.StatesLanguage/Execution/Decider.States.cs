using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Choice;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Pass, Choice, Wait, Succeed and Fail states, and the entry into any state.</summary>
internal sealed partial class Decider
{
    private void EnterState(FrameState frame)
    {
        var state = _definition.AllStates[frame.PendingState!];
        var input = frame.PendingInput;
        if (state.Type == StateType.Wait)
        {
            EnterWait(frame, state, input);
            return;
        }

        Emit(new StateEnteredEvent { Type = $"{state.Type}StateEntered", FrameId = frame.Id, StateName = state.Name, Input = JsonNodes.Clone(input) });
        ExecuteState(frame, state);
    }

    /// <summary>Runs the body of the state the frame is in (also used to re-run it after a retry delay).</summary>
    private void ExecuteState(FrameState frame, StateNode state)
    {
        try
        {
            switch (state.Type)
            {
                case StateType.Pass:
                    RunPass(frame, state);
                    break;
                case StateType.Choice:
                    RunChoice(frame, state);
                    break;
                case StateType.Succeed when IsJsonata(state):
                    RunSucceedJsonata(frame, state);
                    break;
                case StateType.Succeed:
                    var scope = Scope(frame, state, frame.Input);
                    var effective = StateDataFlow.SelectPath(state.InputPath, state.InputPathIsNull, scope);
                    ExitState(frame, state, StateDataFlow.SelectPath(state.OutputPath, state.OutputPathIsNull, scope.WithInput(effective)), null, null);
                    break;
                case StateType.Fail:
                    RunFail(frame, state);
                    break;
                case StateType.Task:
                    RunTask(frame, state);
                    break;
                case StateType.Parallel:
                    RunParallel(frame, state);
                    break;
                case StateType.Map:
                    RunMap(frame, state);
                    break;
            }
        }
        catch (StateFailureException ex)
        {
            HandleStateError(frame, state, ex.Error, ex.Cause, failureEvent: null, emitWhenUnhandled: false);
        }
    }

    private void RunPass(FrameState frame, StateNode state)
    {
        var scope = Scope(frame, state, frame.Input);
        var effective = StateDataFlow.SelectPath(state.InputPath, state.InputPathIsNull, scope);
        var result = state.HasResult
            ? JsonNodes.Clone(state.Result)
            : state.HasParameters ? PayloadTemplate.Evaluate(state.Parameters, scope.WithInput(effective)) : effective;
        FinishWithResult(frame, state, result, state.Next);
    }

    /// <summary>Assign (on the result), ResultPath (into the raw input), OutputPath, then exit.</summary>
    private void FinishWithResult(FrameState frame, StateNode state, JsonNode? result, string? next)
    {
        if (IsJsonata(state))
        {
            FinishJsonata(frame, state, (state.Type != StateType.Pass, result), next);
            return;
        }

        var scope = Scope(frame, state, result);
        var assigned = EvaluateAssign(state.Assign, scope);
        var combined = StateDataFlow.ApplyResultPath(frame.Input, result, state.ResultPath, state.ResultPathIsNull, scope.WithInput(frame.Input));
        var output = StateDataFlow.SelectPath(state.OutputPath, state.OutputPathIsNull, scope.WithInput(combined));
        ExitState(frame, state, output, assigned, state.End ? null : next);
    }

    private static JsonObject? EvaluateAssign(JsonObject? assign, EvaluationScope scope) =>
        assign is null ? null : (JsonObject?)PayloadTemplate.Evaluate(assign, scope);

    private void RunChoice(FrameState frame, StateNode state)
    {
        if (IsJsonata(state))
        {
            RunChoiceJsonata(frame, state);
            return;
        }

        var scope = Scope(frame, state, frame.Input);
        var effective = StateDataFlow.SelectPath(state.InputPath, state.InputPathIsNull, scope);
        var ruleScope = scope.WithInput(effective);
        var match = state.Choices.FirstOrDefault(rule => ChoiceEvaluator.Matches(rule, ruleScope));
        var next = match?.Next ?? state.Default
            ?? throw new StateFailureException(AslErrorNames.NoChoiceMatched, ruleScope.RuntimeError("No Matches!").Cause);
        var assigned = EvaluateAssign(state.Assign, ruleScope);
        if (EvaluateAssign(match?.Assign, ruleScope) is { } ruleAssigned)
        {
            assigned ??= new JsonObject();
            foreach (var (key, value) in ruleAssigned)
            {
                assigned[key] = JsonNodes.Clone(value);
            }
        }

        ExitState(frame, state, StateDataFlow.SelectPath(state.OutputPath, state.OutputPathIsNull, ruleScope), assigned, next);
    }

    private void RunFail(FrameState frame, StateNode state)
    {
        if (IsJsonata(state))
        {
            RunFailJsonata(frame, state);
            return;
        }

        var scope = Scope(frame, state, frame.Input);
        var error = state.ErrorPath is null ? state.Error : FailField(state.ErrorPath, "ErrorPath", scope);
        var cause = state.CausePath is null ? state.Cause : FailField(state.CausePath, "CausePath", scope);
        FailFrame(frame, error, cause);
    }

    private static string FailField(string expression, string field, EvaluationScope scope)
    {
        JsonNode? value;
        try
        {
            value = PayloadTemplate.EvaluateExpression(expression, field, scope);
        }
        catch (StateFailureException ex) when (ex.Cause?.Contains("could not be found", StringComparison.Ordinal) == true)
        {
            throw scope.RuntimeError($"The JSONPath '{expression}' specified for the field '{field}' could not be found in the input '{JsonNodes.ToJson(scope.Input)}'");
        }

        return JsonNodes.TryGetString(value, out var text)
            ? text
            : throw scope.RuntimeError($"The value of the field '{field}' must be a string but was {JsonNodes.ToJson(value)}.");
    }

    private void EnterWait(FrameState frame, StateNode state, JsonNode? input)
    {
        // The due time is worked out before WaitStateEntered is recorded so the event can carry the timer.
        frame.EnteredEventId = NextEventId;
        frame.EnteredTime = _now;
        frame.CurrentState = state.Name;
        var scope = Scope(frame, state, input);
        DateTimeOffset due;
        try
        {
            due = IsJsonata(state)
                ? WaitDueJsonata(frame, state, input)
                : WaitDueTime(state, scope.WithInput(StateDataFlow.SelectPath(state.InputPath, state.InputPathIsNull, scope)));
        }
        catch (StateFailureException ex)
        {
            Emit(new StateEnteredEvent { Type = "WaitStateEntered", FrameId = frame.Id, StateName = state.Name, Input = JsonNodes.Clone(input) });
            FailFrame(frame, ex.Error, ex.Cause);
            return;
        }

        var waits = due > _now;
        var timerId = waits ? $"wait-{NextEventId}" : null;
        Emit(new StateEnteredEvent
        {
            Type = "WaitStateEntered", FrameId = frame.Id, StateName = state.Name, Input = JsonNodes.Clone(input),
            TimerId = timerId, TimerDueAt = waits ? due : null,
        });
        if (waits)
        {
            _effects.Add(new Effects.AslStartTimer(timerId!, due));
        }
        else
        {
            FinishWait(frame, state);
        }
    }

    private void FinishWait(FrameState frame, StateNode state)
    {
        try
        {
            if (IsJsonata(state))
            {
                FinishJsonata(frame, state, default, state.Next);
                return;
            }

            var scope = Scope(frame, state, frame.Input);
            var effective = scope.WithInput(StateDataFlow.SelectPath(state.InputPath, state.InputPathIsNull, scope));
            var assigned = EvaluateAssign(state.Assign, effective);
            ExitState(frame, state, StateDataFlow.SelectPath(state.OutputPath, state.OutputPathIsNull, effective), assigned, state.End ? null : state.Next);
        }
        catch (StateFailureException ex)
        {
            FailFrame(frame, ex.Error, ex.Cause);
        }
    }

    private DateTimeOffset WaitDueTime(StateNode state, EvaluationScope scope)
    {
        if (state.Seconds is { } seconds)
        {
            return _now.AddSeconds(seconds);
        }

        if (state.Timestamp is { } timestamp)
        {
            return AslTimestamp.TryParse(timestamp, out var at) ? at : _now;
        }

        if (state.SecondsPath is { } secondsPath)
        {
            if (!scope.TryResolve(JsonPath.JsonPathParser.Parse(secondsPath), out var value))
            {
                throw scope.RuntimeError($"The SecondsPath parameter does not reference an input value: {secondsPath}");
            }

            if (!JsonNodes.TryGetInteger(value, out var count))
            {
                throw scope.RuntimeError($"The SecondsPath parameter cannot be parsed as a long value: {secondsPath} == {Intrinsics.IntrinsicEvaluator.FormatValue(value)}");
            }

            return count < 0
                ? throw scope.RuntimeError($"The SecondsPath parameter references a negative value: {secondsPath} == {count}")
                : _now.AddSeconds(count);
        }

        var timestampPath = state.TimestampPath!;
        if (!scope.TryResolve(JsonPath.JsonPathParser.Parse(timestampPath), out var node))
        {
            throw scope.RuntimeError($"The TimestampPath parameter does not reference an input value: {timestampPath}");
        }

        return JsonNodes.TryGetString(node, out var text) && AslTimestamp.TryParse(text, out var when)
            ? when
            : throw scope.RuntimeError(
                $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {timestampPath} == {Intrinsics.IntrinsicEvaluator.FormatValue(node)}");
    }
}
