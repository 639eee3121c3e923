namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>Type tests, truthiness and equality of JSONata values.</summary>
internal static class ValueOps
{
    /// <summary>A finite number (NaN is not numeric; an infinity is an error, as in the reference).</summary>
    public static bool IsNumeric(object? value)
    {
        if (value is not double d || double.IsNaN(d))
        {
            return false;
        }

        if (double.IsInfinity(d))
        {
            throw new JsonataException("D1001", value: d);
        }

        return true;
    }

    public static bool IsArrayOfStrings(object? value) => value is JsonataArray a && a.All(v => v is string);

    public static bool IsArrayOfNumbers(object? value) => value is JsonataArray a && a.All(IsNumeric);

    /// <summary>The $boolean() rules; undefined stays undefined (null).</summary>
    public static bool? ToBoolean(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonataArray array:
                if (array.Count == 1)
                {
                    return ToBoolean(array[0]);
                }

                return array.Count > 1 && array.Any(v => ToBoolean(v) == true);
            case string s:
                return s.Length > 0;
            case bool b:
                return b;
            case double d:
                return IsNumeric(d) && d != 0;
            case JsonataObject o:
                return o.Count > 0;
            default:
                return false;
        }
    }

    public static bool IsTrue(object? value) => ToBoolean(value) == true;

    /// <summary>JavaScript truthiness (used where the reference tests a raw result, such as a sort comparator).</summary>
    public static bool IsJsTruthy(object? value) => value switch
    {
        null or JsonataNull => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>The === comparison: by value for primitives, by reference for arrays, objects and functions.</summary>
    public static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (double x, double y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        _ => ReferenceEquals(a, b),
    };

    public static bool DeepEquals(object? a, object? b)
    {
        if (StrictEquals(a, b))
        {
            return true;
        }

        switch (a, b)
        {
            case (JsonataArray x, JsonataArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!DeepEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonataObject x, JsonataObject y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (key, value) in x)
                {
                    if (!y.TryGetValue(key, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>$append: concatenation, where non-arrays count as one-item arrays. The result is a plain array.</summary>
    public static object? Append(object? a, object? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        if (a is JsonataArray { Count: 0 } && b is JsonataArray only)
        {
            return only.CopyAsArray();
        }

        var result = new JsonataArray();
        if (a is JsonataArray aa)
        {
            result.AddRange(aa);
        }
        else
        {
            result.Add(a);
        }

        if (b is JsonataArray bb)
        {
            result.AddRange(bb);
        }
        else
        {
            result.Add(b);
        }

        return result;
    }

    public static void Flatten(object? value, ICollection<object?> into)
    {
        if (value is JsonataArray array)
        {
            foreach (var item in array)
            {
                Flatten(item, into);
            }
        }
        else
        {
            into.Add(value);
        }
    }

    public static string? TypeOf(object? value) => value switch
    {
        null => null,
        JsonataNull => "null",
        double => "number",
        string => "string",
        bool => "boolean",
        JsonataArray => "array",
        JsonataFunction => "function",
        _ => "object",
    };
}
