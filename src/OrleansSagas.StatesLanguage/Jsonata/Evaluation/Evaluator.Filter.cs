using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>Predicates: a number selects by position (negative from the end), anything else filters by truth.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluateFilter(Node predicate, object? input, Frame environment)
    {
        var results = JsonataArray.Sequence();
        if (input is JsonataArray { TupleStream: true })
        {
            results.TupleStream = true;
        }

        var items = input as JsonataArray ?? JsonataArray.Sequence(input);
        if (predicate.Type == "number")
        {
            var index = (int)Math.Floor((double)predicate.Value!);
            if (index < 0)
            {
                index = items.Count + index;
            }

            var item = index >= 0 && index < items.Count ? items[index] : null;
            if (item is JsonataArray array)
            {
                return array;
            }

            if (item is not null)
            {
                results.Add(item);
            }

            return results;
        }

        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var context = item;
            var env = environment;
            if (items.TupleStream)
            {
                context = ((TupleBinding)item!).Context;
                env = FrameFromTuple(environment, (TupleBinding)item);
            }

            var res = Evaluate(predicate, context, env);
            if (ValueOps.IsNumeric(res))
            {
                res = new JsonataArray { res };
            }

            if (ValueOps.IsArrayOfNumbers(res))
            {
                foreach (var n in ((JsonataArray)res!).Cast<double>())
                {
                    var ii = (int)Math.Floor(n);
                    if (ii < 0)
                    {
                        ii = items.Count + ii;
                    }

                    if (ii == index)
                    {
                        results.Add(item);
                    }
                }
            }
            else if (ValueOps.IsTrue(res))
            {
                results.Add(item);
            }
        }

        return results;
    }
}
