using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Intrinsics;

/// <summary>States.Array* functions.</summary>
internal static class IntrinsicArrayFunctions
{
    private const int MaxRangeItems = 1000;

    public static JsonNode Partition(IntrinsicFunctionContext f)
    {
        var array = f.Array(0);
        var size = f.Integer(1);
        if (size <= 0)
        {
            throw f.Fail($"the chunk size must be greater than 0 but was {size}.");
        }

        var result = new JsonArray();
        JsonArray? chunk = null;
        foreach (var item in array)
        {
            if (chunk is null || chunk.Count == size)
            {
                chunk = new JsonArray();
                result.Add(chunk);
            }

            chunk.Add(JsonNodes.Clone(item));
        }

        return result;
    }

    public static JsonNode Contains(IntrinsicFunctionContext f)
    {
        var array = f.Array(0);
        var value = f.Args[1];
        return JsonValue.Create(array.Any(item => JsonNodes.DeepEquals(item, value)));
    }

    public static JsonNode Range(IntrinsicFunctionContext f)
    {
        var start = f.Integer(0);
        var end = f.Integer(1);
        var step = f.Integer(2);
        if (step == 0)
        {
            throw f.Fail("the step must not be 0.");
        }

        var result = new JsonArray();
        for (var i = start; step > 0 ? i <= end : i >= end; i += step)
        {
            if (result.Count == MaxRangeItems)
            {
                throw f.Fail($"the range would hold more than {MaxRangeItems} items.");
            }

            result.Add(i);
        }

        return result;
    }

    public static JsonNode? GetItem(IntrinsicFunctionContext f)
    {
        var array = f.Array(0);
        var index = f.Integer(1);
        if (index < 0 || index >= array.Count)
        {
            throw f.Fail($"the index {index} is out of bounds for an array of length {array.Count}.");
        }

        return JsonNodes.Clone(array[(int)index]);
    }

    public static JsonNode Length(IntrinsicFunctionContext f) => JsonValue.Create(f.Array(0).Count);

    public static JsonNode Unique(IntrinsicFunctionContext f)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new JsonArray();
        foreach (var item in f.Array(0))
        {
            if (seen.Add(JsonNodes.CanonicalKey(item)))
            {
                result.Add(JsonNodes.Clone(item));
            }
        }

        return result;
    }
}
