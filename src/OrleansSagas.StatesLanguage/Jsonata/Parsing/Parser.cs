using OrleansSagas.StatesLanguage.Jsonata.Functions;

namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>A Pratt parser for JSONata with the reference implementation's binding powers.</summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> InfixOperators =
    [
        ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&", "and", "or", "in", "~>", "??", "(", "[", "^",
        "{", ":=", "@", "#", "?", "?:",
    ];

    private readonly string _source;
    private readonly Lexer _lexer;
    private Node _node = new();

    private Parser(string source)
    {
        _source = source;
        _lexer = new Lexer(source);
    }

    /// <summary>Parses and post-processes an expression into an evaluable tree.</summary>
    public static Node Parse(string source)
    {
        var parser = new Parser(source);
        parser.Advance();
        var expr = parser.Expression(0);
        if (parser._node.Id != "(end)")
        {
            throw new JsonataException("S0201", parser._node.Position, TokenText(parser._node));
        }

        return new AstProcessor().Process(expr);
    }

    private static string? TokenText(Node node) => node.Value switch
    {
        null => null,
        string s => s,
        double d => Values.JsNumber.ToString(d),
        bool b => b ? "true" : "false",
        _ => node.Value.ToString(),
    };

    private Node Advance(string? id = null, bool infix = false)
    {
        if (id is not null && _node.Id != id)
        {
            var code = _node.Id == "(end)" ? "S0203" : "S0202";
            throw new JsonataException(code, _node.Position, TokenText(_node), id);
        }

        var next = _lexer.Next(infix);
        if (next is null)
        {
            _node = new Node { Id = "(end)", Type = "(end)", Value = "(end)", Position = _source.Length };
            return _node;
        }

        switch (next.Type)
        {
            case "name" or "variable":
                next.Id = "(name)";
                break;
            case "operator":
                var op = (string)next.Value!;
                if (op is "!" or "~")
                {
                    throw new JsonataException("S0204", next.Position, op);
                }

                next.Id = op;
                next.Lbp = InfixOperators.Contains(op) ? Lexer.Operators[op] : 0;
                break;
            case "string" or "number" or "value":
                next.Id = "(literal)";
                break;
            case "regex":
                next.Id = "(regex)";
                break;
        }

        _node = next;
        return _node;
    }

    private Node Expression(int rbp)
    {
        var t = _node;
        Advance(null, true);
        var left = Nud(t);
        while (rbp < _node.Lbp)
        {
            t = _node;
            Advance();
            left = Led(t, left);
        }

        return left;
    }

    private Node Nud(Node t)
    {
        switch (t.Id)
        {
            case "(name)" or "(literal)" or "(regex)" or "(end)" or "and" or "or" or "in":
                return t;
            case "-":
                t.Expression = Expression(70);
                t.Type = "unary";
                return t;
            case "*":
                t.Type = "wildcard";
                return t;
            case "**":
                t.Type = "descendant";
                return t;
            case "%":
                t.Type = "parent";
                return t;
            case "(":
                return Block(t);
            case "[":
                return ArrayConstructor(t);
            case "{":
                return ObjectConstructor(t, null);
            case "|":
                t.Type = "transform";
                t.Pattern = Expression(0);
                Advance("|");
                t.Update = Expression(0);
                if (_node.Id == ",")
                {
                    Advance(",");
                    t.Delete = Expression(0);
                }

                Advance("|");
                return t;
            default:
                throw new JsonataException("S0211", t.Position, t.Value as string);
        }
    }

    private Node Led(Node t, Node left)
    {
        switch (t.Id)
        {
            case "(":
                return FunctionCall(t, left);
            case "[":
                return Predicate(t, left);
            case "{":
                return ObjectConstructor(t, left);
            case "^":
                return OrderBy(t, left);
            case ":=":
                if (left.Type != "variable")
                {
                    throw new JsonataException("S0212", left.Position, left.Value as string);
                }

                t.Lhs = left;
                t.Rhs = Expression(Lexer.Operators[":="] - 1);
                t.Type = "binary";
                return t;
            case "@" or "#":
                t.Lhs = left;
                t.Rhs = Expression(Lexer.Operators[t.Id]);
                if (t.Rhs.Type != "variable")
                {
                    throw new JsonataException("S0214", t.Rhs.Position, t.Id);
                }

                t.Type = "binary";
                return t;
            case "?":
                t.Type = "condition";
                t.Condition = left;
                t.Then = Expression(0);
                if (_node.Id == ":")
                {
                    Advance(":");
                    t.Else = Expression(0);
                }

                return t;
            case "?:":
                t.Type = "condition";
                t.Condition = left.Clone();
                t.Then = left;
                t.Else = Expression(0);
                return t;
            case "??":
                t.Type = "condition";
                t.Condition = new Node
                {
                    Type = "function",
                    Value = "(",
                    Position = t.Position,
                    Procedure = new Node { Type = "variable", Value = "exists", Position = t.Position },
                    Arguments = [left.Clone()],
                };
                t.Then = left;
                t.Else = Expression(0);
                return t;
            default:
                t.Lhs = left;
                t.Rhs = Expression(Lexer.Operators[t.Id]);
                t.Type = "binary";
                return t;
        }
    }

    private Node FunctionCall(Node t, Node left)
    {
        t.Procedure = left;
        t.Type = "function";
        t.Arguments = [];
        if (_node.Id != ")")
        {
            while (true)
            {
                if (_node.Type == "operator" && _node.Id == "?")
                {
                    t.Type = "partial";
                    t.Arguments.Add(_node);
                    Advance("?");
                }
                else
                {
                    t.Arguments.Add(Expression(0));
                }

                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance(")", true);
        if (left.Type == "name" && left.Value is "function" or "\u03BB")
        {
            for (var i = 0; i < t.Arguments.Count; i++)
            {
                if (t.Arguments[i].Type != "variable")
                {
                    throw new JsonataException("S0208", t.Arguments[i].Position, t.Arguments[i].Value as string, i + 1);
                }
            }

            t.Type = "lambda";
            if (_node.Id == "<")
            {
                var signaturePosition = _node.Position;
                var depth = 1;
                var text = "<";
                while (depth > 0 && _node.Id != "{" && _node.Id != "(end)")
                {
                    var token = Advance();
                    if (token.Id == ">")
                    {
                        depth--;
                    }
                    else if (token.Id == "<")
                    {
                        depth++;
                    }

                    text += TokenText(token);
                }

                Advance(">");
                try
                {
                    t.Signature = Signature.Parse(text);
                }
                catch (JsonataException ex)
                {
                    ex.Position = signaturePosition + (ex.Position ?? 0);
                    throw;
                }
            }

            Advance("{");
            t.Body = Expression(0);
            Advance("}");
        }

        return t;
    }
}
