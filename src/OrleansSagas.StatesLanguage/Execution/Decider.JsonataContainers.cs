using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Choice;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.QueryLanguages;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>JSONata Map (Items, ItemSelector, concurrency and tolerance expressions), Wait and Catch.</summary>
internal sealed partial class Decider
{
    private StateLifecycleEvent MapStartedJsonata(FrameState frame, StateNode state)
    {
        var eval = Jsonata(frame, state, frame.Input);
        JsonArray items;
        if (Has(state, "Items"))
        {
            var (value, _) = eval.Typed(state.Raw!["Items"], "Items", "array", node => node is JsonArray);
            items = (JsonArray)value!;
        }
        else
        {
            items = frame.Input as JsonArray
                ?? throw eval.Error($"Map state input must be an array but was: {JsonNodes.ToJson(frame.Input)}");
        }

        double? percentage = state.ToleratedFailurePercentage;
        if (percentage is null && Has(state, "ToleratedFailurePercentage"))
        {
            var (value, describe) = eval.Typed(state.Raw!["ToleratedFailurePercentage"], "ToleratedFailurePercentage", "number",
                node => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number);
            percentage = JsonNodes.TryGetDouble(value, out var pct) && pct is >= 0 and <= 100
                ? pct
                : throw eval.Error($"The value of the field '{describe}' must be a number between 0 and 100 but was {JsonNodes.ToJson(value)}.");
        }

        return new StateLifecycleEvent
        {
            Type = "MapStateStarted", FrameId = frame.Id, StateName = state.Name, Input = JsonNodes.Clone(frame.Input), Items = items,
            Length = items.Count,
            MaxConcurrency = state.MaxConcurrency ?? JsonataInteger(eval, state, "MaxConcurrency", 0) ?? 0,
            ToleratedFailureCount = state.ToleratedFailureCount ?? JsonataInteger(eval, state, "ToleratedFailureCount", 0),
            ToleratedFailurePercentage = percentage,
        };
    }

    private JsonNode? ItemInputJsonata(FrameState frame, StateNode state, JsonNode? mapInput, int index, JsonNode? item) =>
        Jsonata(frame, state, mapInput, mapItem: (index, item)).Template(state.ItemSelector, "ItemSelector");

    private DateTimeOffset WaitDueJsonata(FrameState frame, StateNode state, JsonNode? input)
    {
        if (state.Seconds is { } literal)
        {
            return _now.AddSeconds(literal);
        }

        var eval = Jsonata(frame, state, input);
        if (Has(state, "Seconds"))
        {
            var (value, describe) = eval.Typed(state.Raw!["Seconds"], "Seconds", "number", node => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number);
            return JsonNodes.TryGetInteger(value, out var seconds) && seconds >= 0
                ? _now.AddSeconds(seconds)
                : throw eval.Error($"The value of the field '{describe}' must be a non-negative integer but was {JsonNodes.ToJson(value)}.");
        }

        var (node, _) = eval.Typed(state.Raw!["Timestamp"], "Timestamp", "string", n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String);
        var text = node!.GetValue<string>();
        return AslTimestamp.TryParse(text, out var at)
            ? at
            : throw eval.Error($"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}");
    }

    /// <summary>A catcher of a JSONata state: Output (default: the error output) and Assign see $states.errorOutput.</summary>
    private void CatchJsonata(FrameState frame, StateNode state, CatcherDefinition catcher, JsonObject errorOutput)
    {
        var eval = Jsonata(frame, state, frame.Input, errorOutput: errorOutput);
        var assigned = JsonataAssign(eval, catcher.Assign, "Catch/Assign");
        var output = catcher.Output.Present ? eval.Template(catcher.Output.Template, "Catch/Output") : errorOutput.DeepClone();
        ExitState(frame, state, output, assigned, catcher.Next);
    }
}
