using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>Object functions, $error, $assert and $type.</summary>
internal static class ObjectFunctions
{
    public static JsonataArray Keys(object? arg)
    {
        var result = JsonataArray.Sequence();
        if (arg is JsonataArray array)
        {
            var merged = new JsonataObject();
            foreach (var item in array)
            {
                foreach (var key in Keys(item).Cast<string>())
                {
                    merged[key] = true;
                }
            }

            return Keys(merged);
        }

        if (arg is JsonataObject obj)
        {
            result.AddRange(obj.Keys);
        }

        return result;
    }

    public static object? Spread(object? arg)
    {
        if (arg is JsonataArray array)
        {
            object? result = JsonataArray.Sequence();
            foreach (var item in array)
            {
                result = ValueOps.Append(result, Spread(item));
            }

            return result;
        }

        if (arg is JsonataObject obj)
        {
            var result = JsonataArray.Sequence();
            foreach (var (key, value) in obj)
            {
                result.Add(new JsonataObject { [key] = value });
            }

            return result;
        }

        return arg;
    }

    public static object? Merge(object? arg)
    {
        if (arg is not JsonataArray array)
        {
            return null;
        }

        var result = new JsonataObject();
        foreach (var item in array)
        {
            if (item is JsonataObject obj)
            {
                foreach (var (key, value) in obj)
                {
                    result[key] = value;
                }
            }
        }

        return result;
    }

    public static object? Each(CallContext ctx, object? arg, object? func)
    {
        var result = JsonataArray.Sequence();
        if (arg is not JsonataObject obj)
        {
            return result;
        }

        foreach (var (key, value) in obj.ToList())
        {
            var val = ctx.Evaluator.Apply(func, HigherOrderFunctions.Args(func, value, key, obj), null, ctx.Environment);
            if (val is not null)
            {
                result.Add(val);
            }
        }

        return result;
    }

    public static object? Sift(CallContext ctx, object? arg, object? func)
    {
        var result = new JsonataObject();
        if (arg is JsonataObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                var res = ctx.Evaluator.Apply(func, HigherOrderFunctions.Args(func, value, key, obj), null, ctx.Environment);
                if (ValueOps.IsTrue(res))
                {
                    result[key] = value;
                }
            }
        }

        return result.Count == 0 ? null : result;
    }

    public static object? Error(object? message) =>
        throw new JsonataException("D3137", detail: message as string is { Length: > 0 } m ? m : "$error() function evaluated");

    public static object? Assert(object? condition, object? message)
    {
        if (!ValueOps.IsJsTruthy(condition))
        {
            throw new JsonataException("D3141", detail: message as string is { Length: > 0 } m ? m : "$assert() statement failed");
        }

        return null;
    }

    public static object? Clone(object? value) => value switch
    {
        JsonataObject obj => CloneObject(obj),
        JsonataArray array => new JsonataArray(array.Where(v => v is not null).Select(v => v is JsonataFunction ? "" : Clone(v))),
        JsonataFunction => "",
        double d when !double.IsFinite(d) => JsonataNull.Value,
        _ => value,
    };

    private static JsonataObject CloneObject(JsonataObject obj)
    {
        var result = new JsonataObject();
        foreach (var (key, value) in obj)
        {
            if (value is not null)
            {
                result[key] = value is JsonataFunction ? "" : Clone(value);
            }
        }

        return result;
    }
}
