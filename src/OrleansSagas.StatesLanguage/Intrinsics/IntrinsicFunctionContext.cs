using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Intrinsics;

/// <summary>The resolved arguments of one call, with typed accessors that fail the way Step Functions does.</summary>
internal sealed class IntrinsicFunctionContext(IntrinsicCall call, IReadOnlyList<JsonNode?> args, EvaluationScope scope)
{
    public IReadOnlyList<JsonNode?> Args => args;

    public EvaluationScope Scope => scope;

    public StateFailureException Fail(string detail) =>
        scope.RuntimeError($"Invalid arguments in {call.Name}: {detail}");

    public string String(int index) => JsonNodes.TryGetString(args[index], out var s)
        ? s
        : throw Fail($"argument {index + 1} must be a string but was {JsonNodes.TypeName(args[index])}.");

    public JsonArray Array(int index) => args[index] as JsonArray
        ?? throw Fail($"argument {index + 1} must be an array but was {JsonNodes.TypeName(args[index])}.");

    public JsonObject Object(int index) => args[index] as JsonObject
        ?? throw Fail($"argument {index + 1} must be an object but was {JsonNodes.TypeName(args[index])}.");

    public decimal Number(int index) => JsonNodes.TryGetDecimal(args[index], out var d)
        ? d
        : throw Fail($"argument {index + 1} must be a number but was {JsonNodes.TypeName(args[index])}.");

    public long Integer(int index)
    {
        var value = Number(index);
        return value == decimal.Truncate(value) && value is >= long.MinValue and <= long.MaxValue
            ? (long)value
            : throw Fail($"argument {index + 1} must be an integer but was {value}.");
    }
}
