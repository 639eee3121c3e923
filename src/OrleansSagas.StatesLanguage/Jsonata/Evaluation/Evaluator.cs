using System.Diagnostics;
using System.Runtime.CompilerServices;
using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>
/// Evaluates a processed syntax tree against an input. One instance serves one evaluation: it carries the depth and
/// time guards and the host-supplied clock and random source.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly int _maxDepth;
    private readonly long _deadline;
    private readonly int _timeLimitMs;
    private int _depth;

    public Evaluator(JsonataOptions options)
    {
        Options = options;
        _maxDepth = options.MaxDepth;
        var limit = options.TimeLimit ?? TimeSpan.Zero;
        _timeLimitMs = (int)limit.TotalMilliseconds;
        _deadline = _timeLimitMs > 0 ? Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency) : 0;
        NowMillis = options.Now?.ToUnixTimeMilliseconds() ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Random = options.RandomSeed is { } seed ? new Random(seed) : Random.Shared;
    }

    public JsonataOptions Options { get; }

    /// <summary>The evaluation's timestamp: every $now() and $millis() in one evaluation agree.</summary>
    public long NowMillis { get; }

    public Random Random { get; }

    public double NextRandom() => Random.NextDouble();

    public object? Evaluate(Node expr, object? input, Frame environment)
    {
        _depth++;
        Guard();
        var result = expr.Type switch
        {
            "path" => EvaluatePath(expr, input, environment),
            "binary" => EvaluateBinary(expr, input, environment),
            "unary" => EvaluateUnary(expr, input, environment),
            "name" => Lookup(input, (string)expr.Value!),
            "string" or "number" or "value" => expr.Value,
            "wildcard" => EvaluateWildcard(input),
            "descendant" => EvaluateDescendants(input),
            "parent" => environment.Lookup(expr.Slot!.Label),
            "condition" => EvaluateCondition(expr, input, environment),
            "block" => EvaluateBlock(expr, input, environment),
            "bind" => EvaluateBind(expr, input, environment),
            "regex" => new RegexMatcher((RegexLiteral)expr.Value!, expr.Position),
            "function" => EvaluateFunction(expr, input, environment, null),
            "variable" => EvaluateVariable(expr, input, environment),
            "lambda" => EvaluateLambda(expr, input, environment),
            "partial" => EvaluatePartialApplication(expr, input, environment),
            "apply" => EvaluateApply(expr, input, environment),
            "transform" => EvaluateTransform(expr, environment),
            _ => null,
        };

        if (expr.Predicate is not null)
        {
            foreach (var stage in expr.Predicate)
            {
                result = EvaluateFilter(stage.Expression!, result, environment);
            }
        }

        if (expr.Type != "path" && expr.Group is not null)
        {
            result = EvaluateGroup(expr.Group.Pairs, expr.Group.Position, result, environment);
        }

        if (result is JsonataArray { IsSequence: true, TupleStream: false } sequence)
        {
            if (expr.KeepArray)
            {
                sequence.KeepSingleton = true;
            }

            if (sequence.Count == 0)
            {
                result = null;
            }
            else if (sequence.Count == 1)
            {
                result = sequence.KeepSingleton ? sequence : sequence[0];
            }
        }

        _depth--;
        return result;
    }

    private void Guard()
    {
        if (_maxDepth > 0 && _depth > _maxDepth)
        {
            throw new JsonataException("D1011", value: (double)_maxDepth);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JsonataException("D1011", value: (double)_depth);
        }

        CheckTime();
    }

    public void CheckTime()
    {
        if (_deadline != 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            throw new JsonataException("D1012", value: (double)_timeLimitMs);
        }
    }

    /// <summary>The field of an object, or the flattened fields of the objects in an array.</summary>
    public static object? Lookup(object? input, string key)
    {
        if (input is JsonataArray array)
        {
            var result = JsonataArray.Sequence();
            foreach (var item in array)
            {
                var value = Lookup(item, key);
                if (value is JsonataArray inner)
                {
                    result.AddRange(inner);
                }
                else if (value is not null)
                {
                    result.Add(value);
                }
            }

            return result;
        }

        return input is JsonataObject obj && obj.TryGetValue(key, out var found) ? found : null;
    }

    private static JsonataArray EvaluateWildcard(object? input)
    {
        object? results = JsonataArray.Sequence();
        if (input is JsonataArray { OuterWrapper: true, Count: > 0 } wrapper)
        {
            input = wrapper[0];
        }

        IEnumerable<object?>? values = input switch
        {
            JsonataObject obj => obj.Values,
            JsonataArray array => array,
            _ => null,
        };
        if (values is not null)
        {
            foreach (var value in values)
            {
                if (value is JsonataArray array)
                {
                    var flat = new JsonataArray();
                    ValueOps.Flatten(array, flat);
                    results = ValueOps.Append(results, flat);
                }
                else
                {
                    ((JsonataArray)results!).Add(value);
                }
            }
        }

        return (JsonataArray)results!;
    }

    private static object? EvaluateDescendants(object? input)
    {
        if (input is null)
        {
            return null;
        }

        var results = JsonataArray.Sequence();
        RecurseDescendants(input, results);
        return results.Count == 1 ? results[0] : results;
    }

    private static void RecurseDescendants(object? input, JsonataArray results)
    {
        if (input is JsonataArray array)
        {
            foreach (var member in array)
            {
                RecurseDescendants(member, results);
            }

            return;
        }

        results.Add(input);
        if (input is JsonataObject obj)
        {
            foreach (var value in obj.Values)
            {
                RecurseDescendants(value, results);
            }
        }
    }

    private object? EvaluateCondition(Node expr, object? input, Frame environment)
    {
        var condition = Evaluate(expr.Condition!, input, environment);
        if (ValueOps.IsTrue(condition))
        {
            return Evaluate(expr.Then!, input, environment);
        }

        return expr.Else is not null ? Evaluate(expr.Else, input, environment) : null;
    }

    private object? EvaluateBlock(Node expr, object? input, Frame environment)
    {
        object? result = null;
        var frame = new Frame(environment);
        foreach (var expression in expr.Expressions!)
        {
            result = Evaluate(expression, input, frame);
        }

        return result;
    }

    private object? EvaluateBind(Node expr, object? input, Frame environment)
    {
        var value = Evaluate(expr.Rhs!, input, environment);
        environment.Bind((string)expr.Lhs!.Value!, value);
        return value;
    }

    private static object? EvaluateVariable(Node expr, object? input, Frame environment)
    {
        var name = (string)expr.Value!;
        if (name.Length == 0)
        {
            return input is JsonataArray { OuterWrapper: true } wrapper ? wrapper[0] : input;
        }

        return environment.Lookup(name);
    }
}
