using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Intrinsics;

/// <summary>Evaluates a parsed intrinsic call against a scope. Failures are States.Runtime errors, as on AWS.</summary>
internal static class IntrinsicEvaluator
{
    public static JsonNode? Evaluate(string text, EvaluationScope scope) => Evaluate(IntrinsicParser.Parse(text), scope);

    public static JsonNode? Evaluate(IntrinsicCall call, EvaluationScope scope)
    {
        var args = call.Arguments.Select(a => Resolve(a, scope)).ToList();
        var f = new IntrinsicFunctionContext(call, args, scope);
        return call.Name switch
        {
            "States.Format" => Format(call, args, scope),
            "States.StringToJson" => StringToJson(f),
            "States.JsonToString" => JsonValue.Create(JsonNodes.ToJson(args[0])),
            "States.Array" => new JsonArray(args.Select(JsonNodes.Clone).ToArray()),
            "States.ArrayPartition" => IntrinsicArrayFunctions.Partition(f),
            "States.ArrayContains" => IntrinsicArrayFunctions.Contains(f),
            "States.ArrayRange" => IntrinsicArrayFunctions.Range(f),
            "States.ArrayGetItem" => IntrinsicArrayFunctions.GetItem(f),
            "States.ArrayLength" => IntrinsicArrayFunctions.Length(f),
            "States.ArrayUnique" => IntrinsicArrayFunctions.Unique(f),
            "States.Base64Encode" => IntrinsicValueFunctions.Base64Encode(f),
            "States.Base64Decode" => IntrinsicValueFunctions.Base64Decode(f),
            "States.Hash" => IntrinsicValueFunctions.Hash(f),
            "States.JsonMerge" => IntrinsicValueFunctions.JsonMerge(f),
            "States.MathRandom" => IntrinsicValueFunctions.MathRandom(f),
            "States.MathAdd" => IntrinsicValueFunctions.MathAdd(f),
            "States.StringSplit" => IntrinsicValueFunctions.StringSplit(f),
            "States.UUID" => JsonValue.Create(scope.Random.NextUuid().ToString()),
            _ => throw scope.RuntimeError($"The intrinsic function '{call.Name}' is not supported."),
        };
    }

    private static JsonNode? Resolve(IntrinsicArgument argument, EvaluationScope scope) => argument switch
    {
        LiteralArgument literal => JsonNodes.Clone(literal.Value),
        PathArgument path => scope.TryResolve(path.Path, out var value)
            ? value
            : throw scope.RuntimeError($"The JsonPath argument for the field '{path.Path.Text}' could not be found in the input '{JsonNodes.ToJson(scope.Input)}'"),
        CallArgument nested => Evaluate(nested.Call, scope),
        _ => null,
    };

    private static JsonNode? StringToJson(IntrinsicFunctionContext f)
    {
        var text = f.String(0).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNodes.Parse(text);
        }
        catch (JsonException)
        {
            throw f.Fail($"The input '{text}' is not a valid JSON string.");
        }
    }

    private static JsonNode Format(IntrinsicCall call, List<JsonNode?> args, EvaluationScope scope)
    {
        var template = call.Arguments[0] is LiteralArgument { RawText: { } raw }
            ? raw
            : JsonNodes.TryGetString(args[0], out var resolved)
                ? resolved
                : throw scope.RuntimeError($"Invalid arguments in States.Format: the template must be a string but was {JsonNodes.TypeName(args[0])}.");
        var sb = new StringBuilder();
        var next = 1;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && i + 1 < template.Length)
            {
                sb.Append(template[++i]);
            }
            else if (c == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                if (next >= args.Count)
                {
                    throw scope.RuntimeError("The number of arguments does not match the number of placeholders in States.Format.");
                }

                sb.Append(FormatValue(args[next++]));
                i++;
            }
            else
            {
                sb.Append(c);
            }
        }

        if (next != args.Count)
        {
            throw scope.RuntimeError("The number of arguments does not match the number of placeholders in States.Format.");
        }

        return JsonValue.Create(sb.ToString());
    }

    /// <summary>Step Functions renders non-string values the way Java's Map/List toString does: {a=1, b=[x, y]}.</summary>
    internal static string FormatValue(JsonNode? value) => JsonNodes.Kind(value) switch
    {
        JsonValueKind.String => value!.GetValue<string>(),
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "{" + string.Join(", ", value!.AsObject().Select(p => p.Key + "=" + FormatValue(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(", ", value!.AsArray().Select(FormatValue)) + "]",
        JsonValueKind.Number => JsonNodes.TryGetDecimal(value, out var d) ? d.ToString(CultureInfo.InvariantCulture) : value!.ToJsonString(),
        _ => value!.ToJsonString(),
    };
}
