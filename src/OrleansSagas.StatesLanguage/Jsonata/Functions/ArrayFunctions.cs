using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>Aggregation and array functions.</summary>
internal static class ArrayFunctions
{
    public static object? Sum(object? args) => args is JsonataArray a ? a.Sum(v => (double)v!) : null;

    public static object? Count(object? args) => args is JsonataArray a ? (double)a.Count : 0d;

    public static object? Max(object? args) => args is JsonataArray { Count: > 0 } a ? a.Max(v => (double)v!) : null;

    public static object? Min(object? args) => args is JsonataArray { Count: > 0 } a ? a.Min(v => (double)v!) : null;

    public static object? Average(object? args) => args is JsonataArray { Count: > 0 } a ? a.Sum(v => (double)v!) / a.Count : null;

    public static object? Reverse(object? arr)
    {
        if (arr is not JsonataArray a)
        {
            return null;
        }

        if (a.Count <= 1)
        {
            return a;
        }

        var result = new JsonataArray(a);
        result.Reverse();
        return result;
    }

    public static object? Shuffle(CallContext ctx, object? arr)
    {
        if (arr is not JsonataArray a)
        {
            return null;
        }

        if (a.Count <= 1)
        {
            return a;
        }

        var result = new object?[a.Count];
        for (var i = 0; i < a.Count; i++)
        {
            var j = (int)Math.Floor(ctx.Evaluator.NextRandom() * (i + 1));
            if (i != j)
            {
                result[i] = result[j];
            }

            result[j] = a[i];
        }

        return new JsonataArray(result);
    }

    public static object? Distinct(object? arr)
    {
        if (arr is not JsonataArray a || a.Count <= 1)
        {
            return arr;
        }

        var results = new JsonataArray { IsSequence = a.IsSequence };
        foreach (var value in a)
        {
            if (!results.Any(r => ValueOps.DeepEquals(value, r)))
            {
                results.Add(value);
            }
        }

        return results;
    }

    public static object? Zip(object?[] args)
    {
        var result = new JsonataArray();
        if (args.Length == 0)
        {
            return result;
        }

        var length = args.Min(a => a is JsonataArray array ? array.Count : 0);
        for (var i = 0; i < length; i++)
        {
            result.Add(new JsonataArray(args.Select(a => ((JsonataArray)a!)[i])));
        }

        return result;
    }

    public static object? Sort(CallContext ctx, object? arr, object? comparator)
    {
        if (arr is not JsonataArray a)
        {
            return null;
        }

        if (a.Count <= 1)
        {
            return a;
        }

        Func<object?, object?, bool> greater;
        if (comparator is null)
        {
            if (!ValueOps.IsArrayOfNumbers(a) && !ValueOps.IsArrayOfStrings(a))
            {
                throw new JsonataException("D3070") { ArgumentIndex = 1 };
            }

            greater = (x, y) => x is double dx ? dx > (double)y! : string.CompareOrdinal((string)x!, (string)y!) > 0;
        }
        else
        {
            greater = (x, y) => ValueOps.IsJsTruthy(ctx.Evaluator.Apply(comparator, [x, y], null, ctx.Environment));
        }

        return MergeSort(a, greater);
    }

    /// <summary>A stable merge sort; <paramref name="greater"/> says whether the left item goes after the right.</summary>
    public static JsonataArray MergeSort(JsonataArray items, Func<object?, object?, bool> greater)
    {
        if (items.Count <= 1)
        {
            return items;
        }

        var result = new JsonataArray(Sort(items.ToArray(), greater));
        return result;
    }

    private static object?[] Sort(object?[] array, Func<object?, object?, bool> greater)
    {
        if (array.Length <= 1)
        {
            return array;
        }

        var middle = array.Length / 2;
        var left = Sort(array[..middle], greater);
        var right = Sort(array[middle..], greater);
        var merged = new object?[array.Length];
        int l = 0, r = 0, m = 0;
        while (l < left.Length && r < right.Length)
        {
            merged[m++] = greater(left[l], right[r]) ? right[r++] : left[l++];
        }

        while (l < left.Length)
        {
            merged[m++] = left[l++];
        }

        while (r < right.Length)
        {
            merged[m++] = right[r++];
        }

        return merged;
    }
}
