using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Intrinsics;

/// <summary>String, encoding, hashing, JSON and math intrinsics.</summary>
internal static class IntrinsicValueFunctions
{
    private const int MaxBase64Input = 10_000;

    public static JsonNode Base64Encode(IntrinsicFunctionContext f)
    {
        var text = f.String(0);
        if (text.Length > MaxBase64Input)
        {
            throw f.Fail($"the input must not be longer than {MaxBase64Input} characters.");
        }

        return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    public static JsonNode Base64Decode(IntrinsicFunctionContext f)
    {
        var text = f.String(0);
        if (text.Length > MaxBase64Input)
        {
            throw f.Fail($"the input must not be longer than {MaxBase64Input} characters.");
        }

        try
        {
            return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            throw f.Fail($"'{text}' is not valid base64.");
        }
    }

    public static JsonNode Hash(IntrinsicFunctionContext f)
    {
        var data = JsonNodes.TryGetString(f.Args[0], out var s) ? s : JsonNodes.ToJson(f.Args[0]);
        if (f.Args[0] is null)
        {
            throw f.Fail("the data to hash must not be null.");
        }

        var bytes = Encoding.UTF8.GetBytes(data);
        var algorithm = f.String(1);
        byte[] hash = algorithm switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw f.Fail($"the hash algorithm '{algorithm}' is not supported (use MD5, SHA-1, SHA-256, SHA-384 or SHA-512)."),
        };
        return JsonValue.Create(Convert.ToHexStringLower(hash));
    }

    public static JsonNode JsonMerge(IntrinsicFunctionContext f)
    {
        var left = f.Object(0);
        var right = f.Object(1);
        var merged = (JsonObject)left.DeepClone();
        foreach (var (key, value) in right)
        {
            merged[key] = JsonNodes.Clone(value);
        }

        return merged;
    }

    public static JsonNode MathRandom(IntrinsicFunctionContext f)
    {
        var start = f.Integer(0);
        var end = f.Integer(1);
        if (start >= end)
        {
            throw f.Fail($"the start {start} must be less than the end {end}.");
        }

        // A seed makes the value depend on the seed only; otherwise it is derived from the execution and event ids.
        var fraction = f.Args.Count == 3
            ? DeterministicRandom.Fraction("seed:" + f.Integer(2))
            : f.Scope.Random.NextDouble();
        var value = start + (long)Math.Floor(fraction * (end - start));
        return JsonValue.Create(value);
    }

    public static JsonNode MathAdd(IntrinsicFunctionContext f)
    {
        var a = JavaRound(f.Number(0));
        var b = JavaRound(f.Number(1));
        var sum = a + b;
        if (a < int.MinValue || a > int.MaxValue || b < int.MinValue || b > int.MaxValue || sum < int.MinValue || sum > int.MaxValue)
        {
            throw f.Fail("the operands and the result must be 32-bit integers.");
        }

        return JsonValue.Create((long)sum);
    }

    /// <summary>
    /// Step Functions (a Java service) rounds each operand as Java's Math.round does: halves go up, towards positive
    /// infinity, so -1.5 becomes -1 and 1.5 becomes 2.
    /// </summary>
    private static decimal JavaRound(decimal value)
    {
        var floor = Math.Floor(value);
        return value - floor >= 0.5m ? floor + 1 : floor;
    }

    public static JsonNode StringSplit(IntrinsicFunctionContext f)
    {
        var text = f.String(0);
        var separators = f.String(1).ToCharArray();
        var parts = separators.Length == 0
            ? [text]
            : text.Split(separators, StringSplitOptions.RemoveEmptyEntries);
        return new JsonArray(parts.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
    }
}
