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

    private AncestorSlot SeekParent(Node node, AncestorSlot slot)
    {
        switch (node.Type)
        {
            case "name" or "wildcard":
                slot.Level--;
                if (slot.Level == 0)
                {
                    if (node.Ancestor is not null)
                    {
                        _ancestry[slot.Index].Slot!.Label = node.Ancestor.Label;
                    }

                    node.Ancestor = slot;
                    node.Tuple = true;
                }

                break;
            case "parent":
                slot.Level++;
                break;
            case "block":
                if (node.Expressions!.Count > 0)
                {
                    node.Tuple = true;
                    slot = SeekParent(node.Expressions[^1], slot);
                }

                break;
            case "path":
                node.Tuple = true;
                var index = node.Steps!.Count - 1;
                slot = SeekParent(node.Steps[index--], slot);
                while (slot.Level > 0 && index >= 0)
                {
                    slot = SeekParent(node.Steps[index--], slot);
                }

                break;
            default:
                throw new JsonataException("S0217", node.Position, node.Type);
        }

        return slot;
    }

    private static void PushAncestry(Node result, Node value)
    {
        if (value.SeekingParent is null && value.Type != "parent")
        {
            return;
        }

        var slots = value.SeekingParent ?? [];
        if (value.Type == "parent")
        {
            slots.Add(value.Slot!);
        }

        if (result.SeekingParent is null)
        {
            result.SeekingParent = slots;
        }
        else
        {
            result.SeekingParent.AddRange(slots);
        }
    }

    private void ResolveAncestry(Node path)
    {
        var steps = path.Steps!;
        var lastStep = steps[^1];
        var slots = lastStep.SeekingParent ?? [];
        if (lastStep.Type == "parent")
        {
            slots.Add(lastStep.Slot!);
        }

        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var index = steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }

                var step = steps[index--];
                while (index >= 0 && step.Focus is not null && steps[index].Focus is not null)
                {
                    step = steps[index--];
                }

                slot = SeekParent(step, slot);
            }
        }
    }
}
