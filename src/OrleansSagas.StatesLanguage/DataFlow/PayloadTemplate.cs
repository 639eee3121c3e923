using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Intrinsics;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.JsonPath;

namespace OrleansSagas.StatesLanguage.DataFlow;

/// <summary>
/// Payload templates (Parameters, ResultSelector, ItemSelector, Assign): keys ending in ".$" take the value of a
/// path or an intrinsic call; every other value is copied as it is.
/// </summary>
internal static class PayloadTemplate
{
    public static JsonNode? Evaluate(JsonNode? template, EvaluationScope scope) => template switch
    {
        JsonObject obj => EvaluateObject(obj, scope),
        JsonArray arr => new JsonArray(arr.Select(item => Evaluate(item, scope)).ToArray()),
        _ => JsonNodes.Clone(template),
    };

    /// <summary>Evaluates the string value of a "key.$" field: a path or an intrinsic call.</summary>
    public static JsonNode? EvaluateExpression(string expression, string fieldName, EvaluationScope scope)
    {
        if (IntrinsicParser.LooksLikeCall(expression))
        {
            return IntrinsicEvaluator.Evaluate(expression, scope);
        }

        var path = JsonPathParser.Parse(expression);
        if (scope.TryResolve(path, out var value))
        {
            return value;
        }

        throw scope.RuntimeError(
            $"The JSONPath '{expression}' specified for the field '{fieldName}' could not be found in the input '{JsonNodes.ToJson(scope.Input)}'");
    }

    private static JsonObject EvaluateObject(JsonObject template, EvaluationScope scope)
    {
        var result = new JsonObject();
        foreach (var (key, value) in template)
        {
            if (key.EndsWith(".$", StringComparison.Ordinal) && JsonNodes.TryGetString(value, out var expression))
            {
                result[key[..^2]] = EvaluateExpression(expression, key, scope);
            }
            else
            {
                result[key] = Evaluate(value, scope);
            }
        }

        return result;
    }
}
