using OrleansSagas.StatesLanguage.Jsonata.Functions;
using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>Arithmetic, comparison, boolean, concatenation, range and membership operators; constructors.</summary>
internal sealed partial class Evaluator
{
    /// <summary>The largest sequence the range operator may allocate.</summary>
    private const double MaxRange = 1e7;

    private object? EvaluateBinary(Node expr, object? input, Frame environment)
    {
        var op = (string)expr.Value!;
        var lhs = Evaluate(expr.Lhs!, input, environment);
        if (op is "and" or "or")
        {
            try
            {
                var left = ValueOps.IsTrue(lhs);
                return op == "and"
                    ? left && ValueOps.IsTrue(Evaluate(expr.Rhs!, input, environment))
                    : left || ValueOps.IsTrue(Evaluate(expr.Rhs!, input, environment));
            }
            catch (JsonataException ex) when (ex.Locate(expr.Position, op, overwrite: true))
            {
                throw;
            }
        }

        var rhs = Evaluate(expr.Rhs!, input, environment);
        try
        {
            return op switch
            {
                "+" or "-" or "*" or "/" or "%" => Numeric(lhs, rhs, op),
                "=" => lhs is not null && rhs is not null && ValueOps.DeepEquals(lhs, rhs),
                "!=" => lhs is not null && rhs is not null && !ValueOps.DeepEquals(lhs, rhs),
                "<" or "<=" or ">" or ">=" => Compare(lhs, rhs, op),
                "&" => (lhs is null ? "" : StringFunctions.ToJsonataString(lhs)) + (rhs is null ? "" : StringFunctions.ToJsonataString(rhs)),
                ".." => Range(lhs, rhs),
                "in" => Includes(lhs, rhs),
                _ => null,
            };
        }
        catch (JsonataException ex) when (ex.Locate(expr.Position, op, overwrite: true))
        {
            throw;
        }
    }

    private static object? Numeric(object? lhs, object? rhs, string op)
    {
        if (lhs is not null && !ValueOps.IsNumeric(lhs))
        {
            throw new JsonataException("T2001", value: lhs);
        }

        if (rhs is not null && !ValueOps.IsNumeric(rhs))
        {
            throw new JsonataException("T2002", value: rhs);
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        double l = (double)lhs, r = (double)rhs;
        return op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => l / r,
            _ => l % r,
        };
    }

    private static object? Compare(object? lhs, object? rhs, string op)
    {
        var lComparable = lhs is null or string or double;
        var rComparable = rhs is null or string or double;
        if (!lComparable || !rComparable)
        {
            throw new JsonataException("T2010", value: lhs is string or double ? rhs : lhs);
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        if (lhs.GetType() != rhs.GetType())
        {
            throw new JsonataException("T2009", value: lhs, value2: rhs);
        }

        var c = lhs is double l ? l.CompareTo((double)rhs) : string.CompareOrdinal((string)lhs, (string)rhs);
        if (lhs is double dl && (double.IsNaN(dl) || double.IsNaN((double)rhs)))
        {
            return false;
        }

        return op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    private static bool Includes(object? lhs, object? rhs)
    {
        if (lhs is null || rhs is null)
        {
            return false;
        }

        if (rhs is JsonataArray array)
        {
            return array.Any(item => ValueOps.StrictEquals(item, lhs));
        }

        return ValueOps.StrictEquals(rhs, lhs);
    }

    private static object? Range(object? lhs, object? rhs)
    {
        if (lhs is not null && (lhs is not double l0 || Math.Floor(l0) != l0 || double.IsInfinity(l0)))
        {
            throw new JsonataException("T2003", value: lhs);
        }

        if (rhs is not null && (rhs is not double r0 || Math.Floor(r0) != r0 || double.IsInfinity(r0)))
        {
            throw new JsonataException("T2004", value: rhs);
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        double from = (double)lhs, to = (double)rhs;
        if (from > to)
        {
            return null;
        }

        var size = to - from + 1;
        if (size > MaxRange)
        {
            throw new JsonataException("D2014", value: size);
        }

        var result = JsonataArray.Range(from, (int)size);
        return result;
    }

    private object? EvaluateUnary(Node expr, object? input, Frame environment)
    {
        switch ((string)expr.Value!)
        {
            case "-":
                var value = Evaluate(expr.Expression!, input, environment);
                if (value is null)
                {
                    return null;
                }

                if (ValueOps.IsNumeric(value))
                {
                    return -(double)value;
                }

                throw new JsonataException("D1002", expr.Position, "-", value);
            case "[":
                object? result = new JsonataArray();
                foreach (var item in expr.Expressions!)
                {
                    var itemValue = Evaluate(item, input, environment);
                    if (itemValue is null)
                    {
                        continue;
                    }

                    if (Equals(item.Value, "["))
                    {
                        ((JsonataArray)result!).Add(itemValue);
                    }
                    else
                    {
                        result = ValueOps.Append(result, itemValue);
                    }
                }

                var array = (JsonataArray)result!;
                if (expr.ConsArray)
                {
                    array.Cons = true;
                }

                return array;
            case "{":
                return EvaluateGroup(expr.Pairs!, expr.Position, input, environment);
            default:
                return null;
        }
    }
}
