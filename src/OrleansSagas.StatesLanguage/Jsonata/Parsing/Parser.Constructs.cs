namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>Blocks, array and object constructors, predicates and order-by clauses.</summary>
internal sealed partial class Parser
{
    private Node Block(Node t)
    {
        var expressions = new List<Node>();
        while (_node.Id != ")")
        {
            expressions.Add(Expression(0));
            if (_node.Id != ";")
            {
                break;
            }

            Advance(";");
        }

        Advance(")", true);
        t.Type = "block";
        t.Expressions = expressions;
        return t;
    }

    private Node ArrayConstructor(Node t)
    {
        var items = new List<Node>();
        if (_node.Id != "]")
        {
            while (true)
            {
                var item = Expression(0);
                if (_node.Id == "..")
                {
                    var range = new Node { Type = "binary", Value = "..", Id = "..", Position = _node.Position, Lhs = item };
                    Advance("..");
                    range.Rhs = Expression(0);
                    item = range;
                }

                items.Add(item);
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance("]", true);
        t.Expressions = items;
        t.Type = "unary";
        return t;
    }

    private Node Predicate(Node t, Node left)
    {
        if (_node.Id == "]")
        {
            var step = left;
            while (step is { Type: "binary", Value: "[" })
            {
                step = step.Lhs!;
            }

            step.KeepArray = true;
            Advance("]");
            return left;
        }

        t.Lhs = left;
        t.Rhs = Expression(Lexer.Operators["]"]);
        t.Type = "binary";
        Advance("]", true);
        return t;
    }

    private Node OrderBy(Node t, Node left)
    {
        Advance("(");
        var terms = new List<SortTerm>();
        while (true)
        {
            var descending = false;
            if (_node.Id == "<")
            {
                Advance("<");
            }
            else if (_node.Id == ">")
            {
                descending = true;
                Advance(">");
            }

            terms.Add(new SortTerm(descending, Expression(0)));
            if (_node.Id != ",")
            {
                break;
            }

            Advance(",");
        }

        Advance(")");
        t.Lhs = left;
        t.Terms = terms;
        t.Type = "binary";
        return t;
    }

    private Node ObjectConstructor(Node t, Node? left)
    {
        var pairs = new List<(Node, Node)>();
        if (_node.Id != "}")
        {
            while (true)
            {
                var name = Expression(0);
                Advance(":");
                var value = Expression(0);
                pairs.Add((name, value));
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance("}", true);
        t.Pairs = pairs;
        if (left is null)
        {
            t.Type = "unary";
        }
        else
        {
            t.Lhs = left;
            t.Type = "binary";
        }

        return t;
    }
}
