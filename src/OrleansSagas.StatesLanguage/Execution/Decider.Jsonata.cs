using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Choice;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.QueryLanguages;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>
/// States that use the JSONata query language: Arguments, Output, Assign, Condition, Items, ItemSelector and the
/// other fields hold "{% … %}" templates evaluated against $states; there is no InputPath/ResultPath/OutputPath.
/// </summary>
internal sealed partial class Decider
{
    private static bool IsJsonata(StateNode state) => state.QueryLanguage == QueryLanguage.Jsonata;

    private static bool Has(StateNode state, string field) => state.Raw?.ContainsKey(field) == true;

    private JsonataFieldEvaluator Jsonata(
        FrameState frame,
        StateNode state,
        JsonNode? input,
        (bool Has, JsonNode? Value) result = default,
        JsonNode? errorOutput = null,
        string? taskToken = null,
        (int, JsonNode?)? mapItem = null)
    {
        var scope = Scope(frame, state, input, taskToken, mapItem);
        return new JsonataFieldEvaluator(_definition.Jsonata, scope, _now, JsonataFieldEvaluator.States(input, scope.Context, result, errorOutput));
    }

    /// <summary>Assign and Output of a JSONata state; both see the variables as they were before the state.</summary>
    private void FinishJsonata(FrameState frame, StateNode state, (bool Has, JsonNode? Value) result, string? next)
    {
        var eval = Jsonata(frame, state, frame.Input, result);
        var assigned = JsonataAssign(eval, state.Assign, "Assign");
        var output = Has(state, "Output")
            ? eval.Template(state.Raw!["Output"], "Output")
            : JsonNodes.Clone(result.Has ? result.Value : frame.Input);
        ExitState(frame, state, output, assigned, state.End ? null : next);
    }

    private static JsonObject? JsonataAssign(JsonataFieldEvaluator eval, JsonObject? assign, string field)
    {
        if (assign is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (name, template) in assign)
        {
            result[name] = eval.Template(template, $"{field}/{name}");
        }

        return result;
    }

    private void RunChoiceJsonata(FrameState frame, StateNode state)
    {
        var eval = Jsonata(frame, state, frame.Input);
        var index = -1;
        for (var i = 0; i < state.Choices.Count && index < 0; i++)
        {
            var (value, _) = eval.Typed(state.Choices[i].Operand, "Condition", "boolean",
                node => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False);
            if (value is JsonValue b && b.GetValueKind() == JsonValueKind.True)
            {
                index = i;
            }
        }

        var match = index >= 0 ? state.Choices[index] : null;
        var next = match?.Next ?? state.Default
            ?? throw new StateFailureException(AslErrorNames.NoChoiceMatched, Scope(frame, state, frame.Input).RuntimeError("No Matches!").Cause);
        var assigned = JsonataAssign(eval, state.Assign, "Assign");
        if (JsonataAssign(eval, match?.Assign, $"Choices/{index}/Assign") is { } ruleAssigned)
        {
            assigned ??= new JsonObject();
            foreach (var (key, value) in ruleAssigned)
            {
                assigned[key] = JsonNodes.Clone(value);
            }
        }

        var ruleOutput = index >= 0 && state.Raw!["Choices"] is JsonArray rules && rules[index] is JsonObject rule && rule.ContainsKey("Output")
            ? eval.Template(rule["Output"], $"Choices/{index}/Output")
            : null;
        var output = ruleOutput ?? (Has(state, "Output") ? eval.Template(state.Raw!["Output"], "Output") : JsonNodes.Clone(frame.Input));
        ExitState(frame, state, output, assigned, next);
    }

    private void RunSucceedJsonata(FrameState frame, StateNode state)
    {
        var eval = Jsonata(frame, state, frame.Input);
        ExitState(frame, state, Has(state, "Output") ? eval.Template(state.Raw!["Output"], "Output") : JsonNodes.Clone(frame.Input), null, null);
    }

    private void RunFailJsonata(FrameState frame, StateNode state)
    {
        var eval = Jsonata(frame, state, frame.Input);
        FailFrame(frame, FailText(eval, state, "Error"), FailText(eval, state, "Cause"));
    }

    private static string? FailText(JsonataFieldEvaluator eval, StateNode state, string field)
    {
        if (!Has(state, field))
        {
            return null;
        }

        var (value, describe) = eval.Typed(state.Raw![field], field, "string", node => node is JsonValue v && v.GetValueKind() == JsonValueKind.String);
        return JsonNodes.TryGetString(value, out var text) ? text : throw eval.Error($"The value of the field '{describe}' must be a string.");
    }

    /// <summary>A Task's Arguments (default: the input) and its time limits.</summary>
    private (JsonNode? Arguments, int? Timeout, int? Heartbeat) TaskInputJsonata(FrameState frame, StateNode state, string? token)
    {
        var eval = Jsonata(frame, state, frame.Input, taskToken: token);
        var arguments = Has(state, "Arguments") ? eval.Template(state.Raw!["Arguments"], "Arguments") : JsonNodes.Clone(frame.Input);
        return (arguments, state.TimeoutSeconds ?? JsonataInteger(eval, state, "TimeoutSeconds", 1),
            state.HeartbeatSeconds ?? JsonataInteger(eval, state, "HeartbeatSeconds", 1));
    }

    private JsonNode? ParallelInputJsonata(FrameState frame, StateNode state)
    {
        var eval = Jsonata(frame, state, frame.Input);
        return Has(state, "Arguments") ? eval.Template(state.Raw!["Arguments"], "Arguments") : JsonNodes.Clone(frame.Input);
    }

    /// <summary>An integer field that may be a "{% … %}" expression (TimeoutSeconds, MaxConcurrency…); null when absent.</summary>
    private static int? JsonataInteger(JsonataFieldEvaluator eval, StateNode state, string field, int min)
    {
        if (!Has(state, field))
        {
            return null;
        }

        var (value, describe) = eval.Typed(state.Raw![field], field, "number", node => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number);
        return JsonNodes.TryGetInteger(value, out var n) && n >= min && n <= int.MaxValue
            ? (int)n
            : throw eval.Error($"The value of the field '{describe}' must be an integer >= {min} but was {JsonNodes.ToJson(value)}.");
    }

}
