namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>
/// Turns the raw parse tree into the evaluable one: dotted steps become paths, predicates become step stages,
/// bindings (@, #) turn steps into tuple steps, parent operators are resolved to ancestor slots and calls in
/// tail position become thunks.
/// </summary>
internal sealed partial class AstProcessor
{
    private readonly List<Node> _ancestry = [];
    private int _ancestorLabel;
    private int _ancestorIndex;

    public Node Process(Node expr)
    {
        var result = ProcessNode(expr);
        if (result.Type == "parent" || result.SeekingParent is not null)
        {
            throw new JsonataException("S0217", result.Position, result.Type);
        }

        return result;
    }

    private Node ProcessNode(Node expr)
    {
        Node result;
        switch (expr.Type)
        {
            case "binary":
                result = ProcessBinary(expr);
                break;
            case "unary":
                result = new Node { Type = "unary", Value = expr.Value, Position = expr.Position };
                if (Equals(expr.Value, "["))
                {
                    result.Expressions = expr.Expressions!.Select(item =>
                    {
                        var value = ProcessNode(item);
                        PushAncestry(result, value);
                        return value;
                    }).ToList();
                }
                else if (Equals(expr.Value, "{"))
                {
                    result.Pairs = expr.Pairs!.Select(pair =>
                    {
                        var key = ProcessNode(pair.Key);
                        PushAncestry(result, key);
                        var value = ProcessNode(pair.Value);
                        PushAncestry(result, value);
                        return (key, value);
                    }).ToList();
                }
                else
                {
                    result.Expression = ProcessNode(expr.Expression!);
                    if (Equals(expr.Value, "-") && result.Expression.Type == "number")
                    {
                        result = result.Expression;
                        result.Value = -(double)result.Value!;
                    }
                    else
                    {
                        PushAncestry(result, result.Expression);
                    }
                }

                break;
            case "function" or "partial":
                result = new Node { Type = expr.Type, Value = expr.Value, Position = expr.Position };
                result.Arguments = expr.Arguments!.Select(arg =>
                {
                    var processed = ProcessNode(arg);
                    PushAncestry(result, processed);
                    return processed;
                }).ToList();
                result.Procedure = ProcessNode(expr.Procedure!);
                break;
            case "lambda":
                result = new Node
                {
                    Type = "lambda",
                    Arguments = expr.Arguments,
                    Signature = expr.Signature,
                    Position = expr.Position,
                };
                result.Body = TailCallOptimize(ProcessNode(expr.Body!));
                break;
            case "condition":
                result = new Node { Type = "condition", Position = expr.Position };
                result.Condition = ProcessNode(expr.Condition!);
                PushAncestry(result, result.Condition);
                result.Then = ProcessNode(expr.Then!);
                PushAncestry(result, result.Then);
                if (expr.Else is not null)
                {
                    result.Else = ProcessNode(expr.Else);
                    PushAncestry(result, result.Else);
                }

                break;
            case "transform":
                result = new Node { Type = "transform", Position = expr.Position };
                result.Pattern = ProcessNode(expr.Pattern!);
                result.Update = ProcessNode(expr.Update!);
                if (expr.Delete is not null)
                {
                    result.Delete = ProcessNode(expr.Delete);
                }

                break;
            case "block":
                result = new Node { Type = "block", Position = expr.Position };
                result.Expressions = expr.Expressions!.Select(item =>
                {
                    var part = ProcessNode(item);
                    PushAncestry(result, part);
                    if (part.ConsArray || (part.Type == "path" && part.Steps![0].ConsArray))
                    {
                        result.ConsArray = true;
                    }

                    return part;
                }).ToList();
                break;
            case "name":
                result = new Node { Type = "path", Steps = [expr], Position = expr.Position };
                if (expr.KeepArray)
                {
                    result.KeepSingletonArray = true;
                }

                break;
            case "parent":
                result = new Node
                {
                    Type = "parent",
                    Position = expr.Position,
                    Slot = new AncestorSlot { Label = "!" + _ancestorLabel++, Level = 1, Index = _ancestorIndex++ },
                };
                _ancestry.Add(result);
                break;
            case "string" or "number" or "value" or "wildcard" or "descendant" or "variable" or "regex":
                result = expr;
                break;
            case "operator":
                if (expr.Value is "and" or "or" or "in")
                {
                    expr.Type = "name";
                    result = ProcessNode(expr);
                }
                else if (Equals(expr.Value, "?"))
                {
                    result = expr;
                }
                else
                {
                    throw new JsonataException("S0201", expr.Position, expr.Value as string);
                }

                break;
            default:
                throw new JsonataException(expr.Id == "(end)" ? "S0207" : "S0206", expr.Position, expr.Value as string);
        }

        if (expr.KeepArray)
        {
            result.KeepArray = true;
        }

        return result;
    }

    private static Node TailCallOptimize(Node expr)
    {
        if (expr.Type == "function" && expr.Predicate is null)
        {
            return new Node { Type = "lambda", Thunk = true, Arguments = [], Position = expr.Position, Body = expr };
        }

        if (expr.Type == "condition")
        {
            expr.Then = TailCallOptimize(expr.Then!);
            if (expr.Else is not null)
            {
                expr.Else = TailCallOptimize(expr.Else);
            }
        }
        else if (expr.Type == "block" && expr.Expressions!.Count > 0)
        {
            expr.Expressions[^1] = TailCallOptimize(expr.Expressions[^1]);
        }

        return expr;
    }
}
