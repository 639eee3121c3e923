using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.JsonPath;

namespace OrleansSagas.StatesLanguage.DataFlow;

/// <summary>Everything a path, template or intrinsic can read while a state runs: $, $$, variables, randomness.</summary>
internal sealed class EvaluationScope
{
    public EvaluationScope(
        JsonNode? input,
        JsonNode? context,
        Func<string, (bool Found, JsonNode? Value)> variables,
        string stateName,
        long enteredEventId,
        DeterministicRandom random)
    {
        Input = input;
        Context = context;
        Variables = variables;
        StateName = stateName;
        EnteredEventId = enteredEventId;
        Random = random;
    }

    public JsonNode? Input { get; }

    public JsonNode? Context { get; }

    public Func<string, (bool Found, JsonNode? Value)> Variables { get; }

    public string StateName { get; }

    public long EnteredEventId { get; }

    public DeterministicRandom Random { get; }

    public static EvaluationScope ForTests(JsonNode? input, JsonNode? context = null, IReadOnlyDictionary<string, JsonNode?>? variables = null) =>
        new(input, context, name => variables is not null && variables.TryGetValue(name, out var v) ? (true, v) : (false, null),
            "State", 2, new DeterministicRandom("test"));

    public EvaluationScope WithInput(JsonNode? input) => new(input, Context, Variables, StateName, EnteredEventId, Random);

    public EvaluationScope WithContext(JsonNode? context) => new(Input, context, Variables, StateName, EnteredEventId, Random);

    /// <summary>The error Step Functions reports for data-flow problems, prefixed with the state and its entered event id.</summary>
    public StateFailureException RuntimeError(string message) =>
        new(AslErrorNames.Runtime, $"An error occurred while executing the state '{StateName}' (entered at the event id #{EnteredEventId}). {message}");

    public bool TryResolve(JsonPathExpression path, out JsonNode? value)
    {
        JsonNode? document;
        switch (path.Root)
        {
            case JsonPathRoot.Context:
                document = Context;
                break;
            case JsonPathRoot.Variable:
                var (found, variable) = Variables(path.VariableName!);
                if (!found)
                {
                    throw RuntimeError($"The variable '{path.VariableName}' is not defined.");
                }

                document = variable;
                break;
            default:
                document = Input;
                break;
        }

        return JsonPathEvaluator.TryEvaluate(path, document, out value);
    }

    /// <summary>Resolves an InputPath/OutputPath/ItemsPath-style path; a missing definite path is a States.Runtime error.</summary>
    public JsonNode? ResolveOrFail(JsonPathExpression path)
    {
        if (TryResolve(path, out var value))
        {
            return value;
        }

        throw RuntimeError($"Invalid path '{path.Text}' : No results for path: {path.NormalizedText}");
    }

    public string Describe(JsonNode? node) => JsonNodes.ToJson(node);
}
