using System.Globalization;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.JsonPath;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Parallel branches and Map iterations: child paths inside the same execution.</summary>
internal sealed partial class Decider
{
    private void RunParallel(FrameState frame, StateNode state)
    {
        JsonNode? branchInput;
        try
        {
            if (IsJsonata(state))
            {
                branchInput = ParallelInputJsonata(frame, state);
            }
            else
            {
                var scope = Scope(frame, state, frame.Input);
                var effective = StateDataFlow.SelectPath(state.InputPath, state.InputPathIsNull, scope);
                branchInput = state.HasParameters ? PayloadTemplate.Evaluate(state.Parameters, scope.WithInput(effective)) : effective;
            }
        }
        catch (StateFailureException ex)
        {
            HandleStateError(frame, state, ex.Error, ex.Cause, LifecycleFailure(frame, ex.Error, ex.Cause), emitWhenUnhandled: false);
            return;
        }

        Emit(new StateLifecycleEvent
        {
            Type = "ParallelStateStarted", FrameId = frame.Id, StateName = state.Name, Input = branchInput, Length = state.Branches.Count,
        });
    }

    private void RunMap(FrameState frame, StateNode state)
    {
        StateLifecycleEvent started;
        try
        {
            if (IsJsonata(state))
            {
                Emit(MapStartedJsonata(frame, state));
                ContinueContainer(frame);
                return;
            }

            var scope = Scope(frame, state, frame.Input);
            var effective = StateDataFlow.SelectPath(state.InputPath, state.InputPathIsNull, scope);
            var effectiveScope = scope.WithInput(effective);
            var items = state.ItemsPath is null ? effective : effectiveScope.ResolveOrFail(JsonPathParser.Parse(state.ItemsPath));
            if (items is not JsonArray array)
            {
                throw effectiveScope.RuntimeError(
                    $"Invalid input for the Map state: the items ({state.ItemsPath ?? "$"}) must be a JSON array but were {JsonNodes.TypeName(items)}: {JsonNodes.ToJson(items)}");
            }

            started = new StateLifecycleEvent
            {
                Type = "MapStateStarted", FrameId = frame.Id, StateName = state.Name, Input = effective, Items = array, Length = array.Count,
                MaxConcurrency = state.MaxConcurrency ?? MapNumbers.Integer(state.MaxConcurrencyPath, "MaxConcurrencyPath", effectiveScope) ?? 0,
                ToleratedFailureCount = state.ToleratedFailureCount ?? MapNumbers.Integer(state.ToleratedFailureCountPath, "ToleratedFailureCountPath", effectiveScope),
                ToleratedFailurePercentage = state.ToleratedFailurePercentage ?? MapNumbers.Percentage(state.ToleratedFailurePercentagePath, effectiveScope),
            };
        }
        catch (StateFailureException ex)
        {
            HandleStateError(frame, state, ex.Error, ex.Cause, LifecycleFailure(frame, ex.Error, ex.Cause), emitWhenUnhandled: false);
            return;
        }

        Emit(started);
        ContinueContainer(frame);
    }

    /// <summary>Starts iterations while MaxConcurrency allows, and finishes the state once every child is done.</summary>
    private void ContinueContainer(FrameState frame)
    {
        if (!Running || frame.Container is not { } c)
        {
            return;
        }

        var state = StateOf(frame);
        while (c.IsMap && c.NextIndex < c.Length && (c.MaxConcurrency == 0 || c.Running < c.MaxConcurrency))
        {
            if (!StartIteration(frame, state, c, c.NextIndex))
            {
                return;
            }
        }

        if (c.Succeeded + c.Failed < c.Length)
        {
            return;
        }

        var results = (JsonArray)c.Results.DeepClone();
        Emit(new StateLifecycleEvent { Type = $"{state.Type}StateSucceeded", FrameId = frame.Id, StateName = state.Name, Length = c.Length });
        try
        {
            FinishTaskLike(frame, state, results);
        }
        catch (StateFailureException ex)
        {
            HandleStateError(frame, state, ex.Error, ex.Cause, failureEvent: null, emitWhenUnhandled: false);
        }
    }

    private bool StartIteration(FrameState frame, StateNode state, ContainerState c, int index)
    {
        var item = c.Items![index];
        JsonNode? input;
        try
        {
            input = !state.HasItemSelector ? JsonNodes.Clone(item)
                : IsJsonata(state) ? ItemInputJsonata(frame, state, c.Input, index, item)
                : PayloadTemplate.Evaluate(state.ItemSelector, Scope(frame, state, c.Input, mapItem: (index, item)));
        }
        catch (StateFailureException ex)
        {
            CancelWorkOf(frame, includeSelf: false);
            HandleStateError(frame, state, ex.Error, ex.Cause, LifecycleFailure(frame, ex.Error, ex.Cause), emitWhenUnhandled: true);
            return false;
        }

        Emit(new MapIterationEvent { Type = "MapIterationStarted", FrameId = frame.Id, StateName = state.Name, Index = index, Input = input });
        return true;
    }

    private void OnIterationFailed(FrameState iteration, string? error, string? cause)
    {
        var map = _s.Frames[iteration.ParentId!];
        var state = StateOf(map);
        CancelWorkOf(iteration, includeSelf: true);
        Emit(new MapIterationEvent
        {
            Type = "MapIterationFailed", FrameId = map.Id, StateName = state.Name, Index = iteration.Index, Error = error, Cause = cause,
        });
        var c = map.Container!;
        var tolerated = c.ToleratedFailureCount is not null || c.ToleratedFailurePercentage is not null;
        var withinCount = c.ToleratedFailureCount is { } count && c.Failed <= count;
        var withinPercentage = c.ToleratedFailurePercentage is { } pct && c.Failed * 100.0 / c.Length <= pct;
        if (tolerated && (withinCount || withinPercentage))
        {
            ContinueContainer(map);
            return;
        }

        var (mapError, mapCause) = tolerated
            ? (AslErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded")
            : (error, cause);
        CancelWorkOf(map, includeSelf: false);
        HandleStateError(map, state, mapError ?? string.Empty, mapCause, LifecycleFailure(map, mapError, mapCause), emitWhenUnhandled: true);
    }

    /// <summary>Reading MaxConcurrencyPath and the tolerated-failure paths, with Step Functions' messages.</summary>
    private static class MapNumbers
    {
        public static int? Integer(string? path, string field, EvaluationScope scope)
        {
            if (path is null)
            {
                return null;
            }

            var value = scope.ResolveOrFail(JsonPathParser.Parse(path));
            return JsonNodes.TryGetInteger(value, out var n) && n is >= 0 and <= int.MaxValue
                ? (int)n
                : throw scope.RuntimeError($"The {field} field refers to value \"{Describe(value)}\" which is not a valid integer: {path}");
        }

        public static double? Percentage(string? path, EvaluationScope scope)
        {
            if (path is null)
            {
                return null;
            }

            var value = scope.ResolveOrFail(JsonPathParser.Parse(path));
            if (!JsonNodes.TryGetDouble(value, out var pct))
            {
                throw scope.RuntimeError($"The ToleratedFailurePercentagePath field refers to value \"{Describe(value)}\" which is not a valid float: {path}");
            }

            return pct is < 0 or > 100 ? throw scope.RuntimeError("ToleratedFailurePercentage must be between 0 and 100.") : pct;
        }

        private static string Describe(JsonNode? value) =>
            JsonNodes.TryGetString(value, out var s) ? s : JsonNodes.ToJson(value).ToString(CultureInfo.InvariantCulture);
    }
}
