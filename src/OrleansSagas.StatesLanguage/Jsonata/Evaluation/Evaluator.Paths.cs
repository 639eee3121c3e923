using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>Path navigation: steps map over sequences and flatten; tuple steps carry variable bindings.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluatePath(Node expr, object? input, Frame environment)
    {
        JsonataArray inputSequence = input is JsonataArray array && expr.Steps![0].Type != "variable"
            ? array
            : JsonataArray.Sequence(input);

        object? resultSequence = null;
        var isTupleStream = false;
        JsonataArray? tupleBindings = null;
        var steps = expr.Steps!;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Tuple)
            {
                isTupleStream = true;
            }

            if (i == 0 && step.ConsArray)
            {
                resultSequence = Evaluate(step, inputSequence, environment);
            }
            else if (isTupleStream)
            {
                tupleBindings = EvaluateTupleStep(step, inputSequence, tupleBindings, environment);
            }
            else
            {
                resultSequence = EvaluateStep(step, inputSequence, environment, i == steps.Count - 1);
            }

            if (!isTupleStream && (resultSequence is null || resultSequence is JsonataArray { Count: 0 }))
            {
                break;
            }

            if (step.Focus is null)
            {
                inputSequence = resultSequence as JsonataArray ?? JsonataArray.Sequence(resultSequence);
            }
        }

        if (isTupleStream)
        {
            if (expr.Tuple)
            {
                resultSequence = tupleBindings;
            }
            else
            {
                var contexts = JsonataArray.Sequence();
                foreach (TupleBinding tuple in tupleBindings!)
                {
                    contexts.Add(tuple.Context);
                }

                resultSequence = contexts;
            }
        }

        if (expr.KeepSingletonArray)
        {
            if (resultSequence is JsonataArray { Cons: true, IsSequence: false } cons)
            {
                var wrapped = JsonataArray.Sequence(cons);
                resultSequence = wrapped;
            }

            if (resultSequence is JsonataArray keep)
            {
                keep.KeepSingleton = true;
            }
        }

        if (expr.Group is not null)
        {
            resultSequence = EvaluateGroup(expr.Group.Pairs, expr.Group.Position, isTupleStream ? tupleBindings : resultSequence, environment);
        }

        return resultSequence;
    }

    private static Frame FrameFromTuple(Frame environment, TupleBinding tuple)
    {
        var frame = new Frame(environment);
        foreach (var (key, value) in tuple)
        {
            frame.Bind(key, value);
        }

        return frame;
    }

    private object? EvaluateStep(Node expr, JsonataArray input, Frame environment, bool lastStep)
    {
        if (expr.Type == "sort")
        {
            var sorted = EvaluateSort(expr, input, environment);
            return expr.Stages is not null ? EvaluateStages(expr.Stages, sorted, environment) : sorted;
        }

        var result = JsonataArray.Sequence();
        foreach (var item in input)
        {
            var res = Evaluate(expr, item, environment);
            if (expr.Stages is not null)
            {
                foreach (var stage in expr.Stages)
                {
                    res = EvaluateFilter(stage.Expression!, res, environment);
                }
            }

            if (res is not null)
            {
                result.Add(res);
            }
        }

        if (lastStep && result.Count == 1 && result[0] is JsonataArray { IsSequence: false } only)
        {
            return only;
        }

        var flattened = JsonataArray.Sequence();
        foreach (var res in result)
        {
            if (res is JsonataArray array && !array.Cons)
            {
                flattened.AddRange(array);
            }
            else
            {
                flattened.Add(res);
            }
        }

        return flattened;
    }

    private object? EvaluateStages(List<Stage> stages, object? input, Frame environment)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.Type == "filter")
            {
                result = EvaluateFilter(stage.Expression!, result, environment);
            }
            else if (result is JsonataArray tuples)
            {
                for (var i = 0; i < tuples.Count; i++)
                {
                    ((TupleBinding)tuples[i]!)[stage.VariableName!] = (double)i;
                }
            }
        }

        return result;
    }

    private JsonataArray EvaluateTupleStep(Node expr, JsonataArray input, JsonataArray? tupleBindings, Frame environment)
    {
        JsonataArray result;
        if (expr.Type == "sort")
        {
            if (tupleBindings is not null)
            {
                result = (JsonataArray)EvaluateSort(expr, tupleBindings, environment)!;
            }
            else
            {
                var sorted = (JsonataArray)EvaluateSort(expr, input, environment)!;
                result = JsonataArray.Sequence();
                result.TupleStream = true;
                for (var i = 0; i < sorted.Count; i++)
                {
                    var tuple = new TupleBinding { Context = sorted[i] };
                    tuple[expr.Index ?? "undefined"] = (double)i;
                    result.Add(tuple);
                }
            }

            return expr.Stages is not null ? (JsonataArray)EvaluateStages(expr.Stages, result, environment)! : result;
        }

        result = JsonataArray.Sequence();
        result.TupleStream = true;
        if (tupleBindings is null)
        {
            tupleBindings = new JsonataArray();
            foreach (var item in input)
            {
                tupleBindings.Add(new TupleBinding { Context = item });
            }
        }

        foreach (var binding in tupleBindings.Cast<TupleBinding>())
        {
            var stepEnv = FrameFromTuple(environment, binding);
            var res = Evaluate(expr, binding.Context, stepEnv);
            if (res is null)
            {
                continue;
            }

            var items = res as JsonataArray ?? new JsonataArray { res };
            for (var b = 0; b < items.Count; b++)
            {
                var tuple = new TupleBinding(binding);
                if (items.TupleStream)
                {
                    foreach (var (key, value) in (TupleBinding)items[b]!)
                    {
                        tuple[key] = value;
                    }
                }
                else
                {
                    if (expr.Focus is not null)
                    {
                        tuple[expr.Focus] = items[b];
                        tuple.Context = binding.Context;
                    }
                    else
                    {
                        tuple.Context = items[b];
                    }

                    if (expr.Index is not null)
                    {
                        tuple[expr.Index] = (double)b;
                    }

                    if (expr.Ancestor is not null)
                    {
                        tuple[expr.Ancestor.Label] = binding.Context;
                    }
                }

                result.Add(tuple);
            }
        }

        return expr.Stages is not null ? (JsonataArray)EvaluateStages(expr.Stages, result, environment)! : result;
    }
}
