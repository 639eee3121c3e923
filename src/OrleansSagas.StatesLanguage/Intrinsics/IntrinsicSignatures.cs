using System.Text.Json;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Intrinsics;

/// <summary>Static checks of intrinsic calls (name, arity, literal argument types) done when a definition is parsed.</summary>
internal static class IntrinsicSignatures
{
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["States.Format"] = (1, int.MaxValue),
        ["States.StringToJson"] = (1, 1),
        ["States.JsonToString"] = (1, 1),
        ["States.Array"] = (0, int.MaxValue),
        ["States.ArrayPartition"] = (2, 2),
        ["States.ArrayContains"] = (2, 2),
        ["States.ArrayRange"] = (3, 3),
        ["States.ArrayGetItem"] = (2, 2),
        ["States.ArrayLength"] = (1, 1),
        ["States.ArrayUnique"] = (1, 1),
        ["States.Base64Encode"] = (1, 1),
        ["States.Base64Decode"] = (1, 1),
        ["States.Hash"] = (2, 2),
        ["States.JsonMerge"] = (3, 3),
        ["States.MathRandom"] = (2, 3),
        ["States.MathAdd"] = (2, 2),
        ["States.StringSplit"] = (2, 2),
        ["States.UUID"] = (0, 0),
    };

    public static IEnumerable<string> Names => Arity.Keys;

    public static bool IsKnown(string name) => Arity.ContainsKey(name);

    public static void Check(IntrinsicCall call)
    {
        var (min, max) = Arity[call.Name];
        if (call.Arguments.Count < min || call.Arguments.Count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw new IntrinsicSyntaxException(
                $"{call.Name} expects {expected} argument(s) but got {call.Arguments.Count}");
        }

        switch (call.Name)
        {
            case "States.Format":
                if (call.Arguments[0] is LiteralArgument { RawText: null })
                {
                    throw new IntrinsicSyntaxException("the first argument of States.Format must be a string (a literal or a path)");
                }

                break;
            case "States.MathAdd":
            case "States.MathRandom":
            case "States.ArrayRange":
                RequireLiteralKind(call, JsonValueKind.Number, "number");
                break;
            case "States.JsonMerge":
                if (call.Arguments[2] is LiteralArgument last && JsonNodes.Kind(last.Value) != JsonValueKind.False)
                {
                    throw new IntrinsicSyntaxException("States.JsonMerge only supports a shallow merge: its third argument must be false");
                }

                break;
        }

        foreach (var nested in call.Arguments.OfType<CallArgument>())
        {
            Check(nested.Call);
        }
    }

    private static void RequireLiteralKind(IntrinsicCall call, JsonValueKind kind, string kindName)
    {
        foreach (var literal in call.Arguments.OfType<LiteralArgument>())
        {
            if (JsonNodes.Kind(literal.Value) != kind)
            {
                throw new IntrinsicSyntaxException($"{call.Name} arguments must be {kindName}s or paths");
            }
        }
    }
}
