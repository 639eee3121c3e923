using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>$map, $filter, $single and $reduce.</summary>
internal static class HigherOrderFunctions
{
    /// <summary>The value, then index and container only if the function declares parameters for them.</summary>
    public static object?[] Args(object? func, object? value, object? index, object? container)
    {
        var arity = (func as JsonataFunction)?.Arity ?? 1;
        return arity >= 3 ? [value, index, container] : arity >= 2 ? [value, index] : [value];
    }

    public static object? Map(CallContext ctx, object? arr, object? func)
    {
        if (arr is not JsonataArray array)
        {
            return null;
        }

        var result = JsonataArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            var res = ctx.Evaluator.Apply(func, Args(func, array[i], (double)i, array), null, ctx.Environment);
            if (res is not null)
            {
                result.Add(res);
            }
        }

        return result;
    }

    public static object? Filter(CallContext ctx, object? arr, object? func)
    {
        if (arr is not JsonataArray array)
        {
            return null;
        }

        var result = JsonataArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            var res = ctx.Evaluator.Apply(func, Args(func, array[i], (double)i, array), null, ctx.Environment);
            if (ValueOps.IsTrue(res))
            {
                result.Add(array[i]);
            }
        }

        return result;
    }

    public static object? Single(CallContext ctx, object? arr, object? func)
    {
        if (arr is not JsonataArray array)
        {
            return null;
        }

        var found = false;
        object? result = null;
        for (var i = 0; i < array.Count; i++)
        {
            var positive = func is null || ValueOps.IsTrue(ctx.Evaluator.Apply(func, Args(func, array[i], (double)i, array), null, ctx.Environment));
            if (!positive)
            {
                continue;
            }

            if (found)
            {
                throw new JsonataException("D3138") { ArgumentIndex = i };
            }

            result = array[i];
            found = true;
        }

        return found ? result : throw new JsonataException("D3139");
    }

    public static object? Reduce(CallContext ctx, object? sequence, object? func, object? init)
    {
        if (sequence is not JsonataArray array)
        {
            return null;
        }

        var arity = (func as JsonataFunction)?.Arity ?? 0;
        if (arity < 2)
        {
            throw new JsonataException("D3050") { ArgumentIndex = 1 };
        }

        object? result;
        int index;
        if (init is null && array.Count > 0)
        {
            result = array[0];
            index = 1;
        }
        else
        {
            result = init;
            index = 0;
        }

        for (; index < array.Count; index++)
        {
            object?[] args = arity >= 4 ? [result, array[index], (double)index, array]
                : arity >= 3 ? [result, array[index], (double)index]
                : [result, array[index]];
            result = ctx.Evaluator.Apply(func, args, null, ctx.Environment);
        }

        return result;
    }
}
