using OrleansSagas.StatesLanguage.Jsonata.Functions;
using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>Object constructors and grouping, order-by and transforms.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluateGroup(List<(Node Key, Node Value)> pairs, int position, object? input, Frame environment)
    {
        var result = new JsonataObject();
        var groups = new OrderedDictionary<string, (object? Data, int ExprIndex)>(StringComparer.Ordinal);
        var reduce = input is JsonataArray { TupleStream: true };
        var items = input as JsonataArray ?? JsonataArray.Sequence(input);
        if (items.Count == 0 && !reduce)
        {
            items = JsonataArray.Sequence(null);
        }

        foreach (var item in items)
        {
            var env = reduce ? FrameFromTuple(environment, (TupleBinding)item!) : environment;
            for (var pairIndex = 0; pairIndex < pairs.Count; pairIndex++)
            {
                var key = Evaluate(pairs[pairIndex].Key, reduce ? ((TupleBinding)item!).Context : item, env);
                if (key is null)
                {
                    continue;
                }

                if (key is not string name)
                {
                    throw new JsonataException("T1003", position, value: key);
                }

                if (groups.TryGetValue(name, out var entry))
                {
                    if (entry.ExprIndex != pairIndex)
                    {
                        throw new JsonataException("D1009", position, value: name);
                    }

                    groups[name] = (ValueOps.Append(entry.Data, item), pairIndex);
                }
                else
                {
                    groups[name] = (item, pairIndex);
                }
            }
        }

        foreach (var (key, entry) in groups)
        {
            var context = entry.Data;
            var env = environment;
            if (reduce)
            {
                var tuple = ReduceTupleStream(entry.Data);
                context = tuple.Context;
                tuple.Remove("@");
                env = FrameFromTuple(environment, tuple);
            }

            var value = Evaluate(pairs[entry.ExprIndex].Value, context, env);
            if (value is not null)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static TupleBinding ReduceTupleStream(object? tupleStream)
    {
        if (tupleStream is TupleBinding single)
        {
            return new TupleBinding(single);
        }

        var tuples = (JsonataArray)tupleStream!;
        var result = new TupleBinding((TupleBinding)tuples[0]!);
        for (var i = 1; i < tuples.Count; i++)
        {
            foreach (var (key, value) in (TupleBinding)tuples[i]!)
            {
                result[key] = ValueOps.Append(result.TryGetValue(key, out var existing) ? existing : null, value);
            }
        }

        return result;
    }

    private object? EvaluateSort(Node expr, object? input, Frame environment)
    {
        var items = input as JsonataArray ?? JsonataArray.Sequence(input);
        var isTupleSort = items.TupleStream;
        bool Comparator(object? a, object? b)
        {
            var comp = 0;
            for (var index = 0; comp == 0 && index < expr.Terms!.Count; index++)
            {
                var term = expr.Terms[index];
                var aa = Evaluate(term.Expression, isTupleSort ? ((TupleBinding)a!).Context : a, isTupleSort ? FrameFromTuple(environment, (TupleBinding)a!) : environment);
                var bb = Evaluate(term.Expression, isTupleSort ? ((TupleBinding)b!).Context : b, isTupleSort ? FrameFromTuple(environment, (TupleBinding)b!) : environment);
                if (aa is null)
                {
                    comp = bb is null ? 0 : 1;
                    continue;
                }

                if (bb is null)
                {
                    comp = -1;
                    continue;
                }

                if (aa is not (string or double) || bb is not (string or double))
                {
                    throw new JsonataException("T2008", expr.Position, value: aa is string or double ? bb : aa);
                }

                if (aa.GetType() != bb.GetType())
                {
                    throw new JsonataException("T2007", expr.Position, value: aa, value2: bb);
                }

                var c = aa is double da ? da.CompareTo((double)bb) : string.CompareOrdinal((string)aa, (string)bb);
                if (c == 0)
                {
                    continue;
                }

                comp = c < 0 ? -1 : 1;
                if (term.Descending)
                {
                    comp = -comp;
                }
            }

            return comp == 1;
        }

        var sorted = ArrayFunctions.MergeSort(items, Comparator);
        if (isTupleSort)
        {
            sorted.TupleStream = true;
        }

        return sorted;
    }

    private NativeFunction EvaluateTransform(Node expr, Frame environment)
    {
        return new NativeFunction("transform", 1, (context, args) =>
        {
            var obj = args[0];
            if (obj is null)
            {
                return null;
            }

            if (environment.Lookup("clone") is not JsonataFunction clone)
            {
                throw new JsonataException("T2013", expr.Position);
            }

            var result = Apply(clone, [obj], null, environment);
            var matches = Evaluate(expr.Pattern!, result, environment);
            if (matches is null)
            {
                return result;
            }

            var list = matches as JsonataArray ?? new JsonataArray { matches };
            foreach (var match in list)
            {
                var update = Evaluate(expr.Update!, match, environment);
                if (update is not null)
                {
                    if (update is not JsonataObject updateObj)
                    {
                        throw new JsonataException("T2011", expr.Update!.Position, value: update);
                    }

                    if (match is JsonataObject target)
                    {
                        foreach (var (key, value) in updateObj)
                        {
                            target[key] = value;
                        }
                    }
                }

                if (expr.Delete is not null)
                {
                    var deletions = Evaluate(expr.Delete, match, environment);
                    if (deletions is null)
                    {
                        continue;
                    }

                    var names = deletions as JsonataArray ?? new JsonataArray { deletions };
                    if (!ValueOps.IsArrayOfStrings(names))
                    {
                        throw new JsonataException("T2012", expr.Delete.Position, value: deletions);
                    }

                    if (match is JsonataObject targetObj)
                    {
                        foreach (var name in names.Cast<string>())
                        {
                            targetObj.Remove(name);
                        }
                    }
                }
            }

            return result;
        }, "<(oa):o>");
    }
}
