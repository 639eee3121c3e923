using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Jsonata;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.QueryLanguages;

/// <summary>
/// Evaluates the JSONata fields of one state: "{% … %}" strings anywhere in a template, with $states (input,
/// result, errorOutput, context), the workflow variables and the Step Functions functions in scope. Problems become
/// States.QueryEvaluationError with Step Functions' messages.
/// </summary>
internal sealed class JsonataFieldEvaluator
{
    /// <summary>A bound on any one expression, so that a hostile definition cannot hold a silo.</summary>
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private readonly JsonataExpressions _expressions;
    private readonly EvaluationScope _scope;
    private readonly JsonataOptions _options;
    private readonly Dictionary<string, object?> _bindings;

    public JsonataFieldEvaluator(JsonataExpressions expressions, EvaluationScope scope, DateTimeOffset now, JsonObject states)
    {
        _expressions = expressions;
        _scope = scope;
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        _options = new JsonataOptions
        {
            Now = now,
            RandomSeed = BitConverter.ToInt32(scope.Random.NextBytes(), 0),
            TimeLimit = TimeLimit,
            HostBindings = JsonataStateFunctions.Bindings,
            HostState = scope.Random,
            VariableResolver = name =>
            {
                if (!variables.TryGetValue(name, out var value))
                {
                    var (found, node) = scope.Variables(name);
                    value = found ? ValueConverter.FromNode(node) : null;
                    variables[name] = value;
                }

                return value;
            },
        };
        _bindings = new Dictionary<string, object?>(StringComparer.Ordinal) { ["states"] = ValueConverter.FromNode(states) };
    }

    /// <summary>Builds $states for a state: its input and context, plus the result or error output when there is one.</summary>
    public static JsonObject States(JsonNode? input, JsonNode? context, (bool Has, JsonNode? Value) result = default, JsonNode? errorOutput = null)
    {
        var states = new JsonObject { ["input"] = input?.DeepClone(), ["context"] = context?.DeepClone() };
        if (result.Has)
        {
            states["result"] = result.Value?.DeepClone();
        }

        if (errorOutput is not null)
        {
            states["errorOutput"] = errorOutput.DeepClone();
        }

        return states;
    }

    /// <summary>Evaluates a template: every "{% … %}" string is replaced by its value, anything else is copied.</summary>
    public JsonNode? Template(JsonNode? template, string field)
    {
        switch (template)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    result[key] = Template(value, field + "/" + key);
                }

                return result;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(Template(array[i], field + "/" + i));
                }

                return items;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String
                && JsonataExpressions.BodyOf(value.GetValue<string>()) is { } body:
                var raw = Evaluate(body, field);
                return raw is JsonataFunction ? throw Error($"The JSONata expression '{body}' specified for the field '{field}' returned an unsupported result type.") : ValueConverter.ToNode(raw);
            default:
                return template?.DeepClone();
        }
    }

    /// <summary>Evaluates one expression; undefined is an error, as in Step Functions.</summary>
    public object Evaluate(string body, string field)
    {
        object? result;
        try
        {
            result = _expressions.Get(body).EvaluateValue(null, _bindings, _options);
        }
        catch (JsonataException ex)
        {
            throw Error($"The JSONata expression '{body}' specified for the field '{field}' threw an error during evaluation. {ex.Code}: {ex.Message}");
        }

        return result ?? throw Error($"The JSONata expression '{body}' specified for the field '{field}' returned nothing (undefined).");
    }

    /// <summary>A field that must hold one value of a given kind (Items, Seconds, Condition…): its value and how to name it.</summary>
    public (JsonNode? Value, string Describe) Typed(JsonNode? template, string field, string expectedType, Func<JsonNode?, bool> accept)
    {
        if (template is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && JsonataExpressions.BodyOf(v.GetValue<string>()) is { } body)
        {
            var raw = Evaluate(body, field);
            if (raw is JsonataFunction)
            {
                throw Error($"The JSONata expression '{body}' specified for the field '{field}' returned an unsupported result type.");
            }

            var node = ValueConverter.ToNode(raw);
            if (!accept(node))
            {
                throw Error($"The JSONata expression '{body}' specified for the field '{field}' returned an unexpected result type. "
                    + $"Expected '{expectedType}', but was '{TypeName(node)}' for value: {Json.JsonNodes.ToJson(node)}");
            }

            return (node, body);
        }

        return (Template(template, field), field);
    }

    public StateFailureException Error(string message) =>
        new(AslErrorNames.QueryEvaluationError,
            $"An error occurred while executing the state '{_scope.StateName}' (entered at the event id #{_scope.EnteredEventId}). {message}");

    public static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "boolean",
        },
    };
}
