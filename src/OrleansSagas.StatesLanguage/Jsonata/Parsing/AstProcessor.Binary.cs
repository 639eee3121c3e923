namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>Post-processing of binary operators: paths, predicates, grouping, sorting and bindings.</summary>
internal sealed partial class AstProcessor
{
    private Node ProcessBinary(Node expr)
    {
        Node result;
        Node step;
        switch ((string)expr.Value!)
        {
            case ".":
                var lstep = ProcessNode(expr.Lhs!);
                result = lstep.Type == "path" ? lstep : new Node { Type = "path", Steps = [lstep], Position = lstep.Position };
                if (lstep.Type == "parent")
                {
                    result.SeekingParent = [lstep.Slot!];
                }

                var rest = ProcessNode(expr.Rhs!);
                if (rest.Type == "path")
                {
                    result.Steps!.AddRange(rest.Steps!);
                }
                else
                {
                    if (rest.Predicate is not null)
                    {
                        rest.Stages = rest.Predicate;
                        rest.Predicate = null;
                    }

                    result.Steps!.Add(rest);
                }

                foreach (var s in result.Steps!)
                {
                    if (s.Type is "number" or "value")
                    {
                        throw new JsonataException("S0213", s.Position, value: s.Value);
                    }

                    if (s.Type == "string")
                    {
                        s.Type = "name";
                    }
                }

                if (result.Steps.Any(s => s.KeepArray))
                {
                    result.KeepSingletonArray = true;
                }

                if (result.Steps[0] is { Type: "unary", Value: "[" } first)
                {
                    first.ConsArray = true;
                }

                if (result.Steps[^1] is { Type: "unary", Value: "[" } last)
                {
                    last.ConsArray = true;
                }

                ResolveAncestry(result);
                break;
            case "[":
                result = ProcessNode(expr.Lhs!);
                step = result;
                var isStages = false;
                if (result.Type == "path")
                {
                    step = result.Steps![^1];
                    isStages = true;
                }

                if (step.Group is not null)
                {
                    throw new JsonataException("S0209", expr.Position);
                }

                var predicate = ProcessNode(expr.Rhs!);
                if (predicate.SeekingParent is not null)
                {
                    foreach (var slot in predicate.SeekingParent)
                    {
                        if (slot.Level == 1)
                        {
                            SeekParent(step, slot);
                        }
                        else
                        {
                            slot.Level--;
                        }
                    }

                    PushAncestry(step, predicate);
                }

                var filter = new Stage("filter", predicate, null, expr.Position);
                if (isStages)
                {
                    (step.Stages ??= []).Add(filter);
                }
                else
                {
                    (step.Predicate ??= []).Add(filter);
                }

                break;
            case "{":
                result = ProcessNode(expr.Lhs!);
                if (result.Group is not null)
                {
                    throw new JsonataException("S0210", expr.Position);
                }

                result.Group = new GroupBy(expr.Pairs!.Select(p => (ProcessNode(p.Key), ProcessNode(p.Value))).ToList(), expr.Position);
                break;
            case "^":
                result = ProcessNode(expr.Lhs!);
                if (result.Type != "path")
                {
                    result = new Node { Type = "path", Steps = [result], Position = result.Position };
                }

                var sortStep = new Node { Type = "sort", Position = expr.Position };
                sortStep.Terms = expr.Terms!.Select(term =>
                {
                    var expression = ProcessNode(term.Expression);
                    PushAncestry(sortStep, expression);
                    return new SortTerm(term.Descending, expression);
                }).ToList();
                result.Steps!.Add(sortStep);
                ResolveAncestry(result);
                break;
            case ":=":
                result = new Node { Type = "bind", Value = expr.Value, Position = expr.Position };
                result.Lhs = ProcessNode(expr.Lhs!);
                result.Rhs = ProcessNode(expr.Rhs!);
                PushAncestry(result, result.Rhs);
                break;
            case "@":
                result = ProcessNode(expr.Lhs!);
                step = result;
                if (result.Type == "path")
                {
                    step = result.Steps![^1];
                }

                if (step.Stages is not null || step.Predicate is not null)
                {
                    throw new JsonataException("S0215", expr.Position);
                }

                if (step.Type == "sort")
                {
                    throw new JsonataException("S0216", expr.Position);
                }

                if (expr.KeepArray)
                {
                    step.KeepArray = true;
                }

                step.Focus = (string)expr.Rhs!.Value!;
                step.Tuple = true;
                break;
            case "#":
                result = ProcessNode(expr.Lhs!);
                step = result;
                if (result.Type == "path")
                {
                    step = result.Steps![^1];
                }
                else
                {
                    result = new Node { Type = "path", Steps = [result], Position = result.Position };
                    if (step.Predicate is not null)
                    {
                        step.Stages = step.Predicate;
                        step.Predicate = null;
                    }
                }

                if (step.Stages is null)
                {
                    step.Index = (string)expr.Rhs!.Value!;
                }
                else
                {
                    step.Stages.Add(new Stage("index", null, (string)expr.Rhs!.Value!, expr.Position));
                }

                step.Tuple = true;
                break;
            case "~>":
                result = new Node { Type = "apply", Value = expr.Value, Position = expr.Position };
                result.Lhs = ProcessNode(expr.Lhs!);
                result.Rhs = ProcessNode(expr.Rhs!);
                result.KeepArray = result.Lhs.KeepArray || result.Rhs.KeepArray;
                break;
            default:
                result = new Node { Type = expr.Type, Value = expr.Value, Position = expr.Position };
                result.Lhs = ProcessNode(expr.Lhs!);
                result.Rhs = ProcessNode(expr.Rhs!);
                PushAncestry(result, result.Lhs);
                PushAncestry(result, result.Rhs);
                break;
        }

        return result;
    }
}
