using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine.Commands;

namespace OrleansSagas.Engine;

/// <summary>What a node receives when it runs: its input and the outputs of its ancestors.</summary>
internal static class NodeInputs
{
    /// <summary>The JSON null, used where a node has no meaningful output (a delay) or a payload was missing.</summary>
    public static readonly JsonElement Null = SagaJson.Parse("null");

    /// <summary>The saga input, or the output of the node named by InputFrom.</summary>
    public static JsonElement InputOf(SagaGraph graph, SagaState state, string node)
    {
        var from = graph[node] switch
        {
            StepNode s => s.InputFrom,
            ChildSagaNode c => c.InputFrom,
            _ => null,
        };
        return from is not null && state.Node(from).Output is { } output ? output : state.Input;
    }

    /// <summary>The command that runs an attempt of <paramref name="step"/>: locally, on an activity's workers, or as a callback.</summary>
    public static RunAction RunActionOf(SagaGraph graph, SagaState state, StepNode step, int attempt) =>
        new(step.Name, attempt, InputOf(graph, state, step.Name), AncestorOutputs(graph, state, step.Name))
        {
            Activity = step.Activity,
            WaitForTaskToken = step.WaitsForTaskToken,
            TimeoutAt = state.Node(step.Name).AttemptDeadline,
        };

    /// <summary>The outputs of every ancestor of <paramref name="node"/>, by name.</summary>
    public static IReadOnlyDictionary<string, JsonElement> AncestorOutputs(SagaGraph graph, SagaState state, string node)
    {
        var outputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var ancestor in graph.AncestorsOf(node).Order(StringComparer.Ordinal))
        {
            if (state.Node(ancestor).Output is { } output) outputs[ancestor] = output;
        }
        return outputs;
    }

    /// <summary>A missing (undefined) JSON value becomes null, so every recorded value serializes.</summary>
    public static JsonElement Normalize(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? Null : value;
}
