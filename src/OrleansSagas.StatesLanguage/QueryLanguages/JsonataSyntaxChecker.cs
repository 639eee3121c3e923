using System.Text.RegularExpressions;

namespace OrleansSagas.StatesLanguage.QueryLanguages;

/// <summary>
/// Checks that a JSONata expression is well-formed (a Pratt parser that builds nothing). JSONata is not executed
/// yet, but definitions that use it are still validated so that authors get every syntax error up front.
/// </summary>
internal sealed partial class JsonataSyntaxChecker
{
    private static readonly string[] MultiCharOperators = ["..", ":=", "!=", "<=", ">=", "~>", "??", "?:", "**"];
    private static readonly Dictionary<string, int> Infix = new(StringComparer.Ordinal)
    {
        ["."] = 75, ["["] = 80, ["("] = 80, ["{"] = 70, ["@"] = 80, ["#"] = 80, ["^"] = 80,
        ["*"] = 60, ["/"] = 60, ["%"] = 60, ["+"] = 50, ["-"] = 50, ["&"] = 50,
        ["="] = 40, ["!="] = 40, ["<"] = 40, ["<="] = 40, [">"] = 40, [">="] = 40, ["in"] = 40, ["~>"] = 40,
        ["and"] = 30, ["or"] = 25, ["??"] = 20, ["?:"] = 20, ["?"] = 20, [":="] = 10, [".."] = 20,
    };

    private readonly List<string> _tokens = [];
    private int _pos;

    private JsonataSyntaxChecker(string text) => Tokenize(text);

    /// <summary>Null when the expression is well-formed; otherwise the reason.</summary>
    public static string? Check(string expression)
    {
        try
        {
            var checker = new JsonataSyntaxChecker(expression);
            if (checker._tokens.Count == 0)
            {
                return "the expression is empty";
            }

            checker.Expression(0);
            return checker._pos < checker._tokens.Count ? $"unexpected '{checker._tokens[checker._pos]}'" : null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private string? Peek => _pos < _tokens.Count ? _tokens[_pos] : null;

    private void Expression(int minPower)
    {
        Prefix();
        while (Peek is { } op && Infix.TryGetValue(op, out var power) && power > minPower)
        {
            _pos++;
            switch (op)
            {
                case "(":
                    List(")", ",");
                    break;
                case "[":
                    if (Peek == "]")
                    {
                        _pos++;
                    }
                    else
                    {
                        Expression(0);
                        Expect("]");
                    }

                    break;
                case "{":
                    ObjectBody();
                    break;
                case "?":
                    Expression(0);
                    if (Peek == ":")
                    {
                        _pos++;
                        Expression(0);
                    }

                    break;
                case "^":
                    Expect("(");
                    List(")", ",");
                    break;
                case "@" or "#":
                    Variable();
                    break;
                case ":=":
                    Expression(power - 1);
                    break;
                default:
                    Expression(power);
                    break;
            }
        }
    }

    private void Prefix()
    {
        var token = Peek ?? throw new FormatException("the expression ends unexpectedly");
        _pos++;
        switch (token)
        {
            case "(":
                List(")", ";");
                return;
            case "[":
                List("]", ",");
                return;
            case "{":
                ObjectBody();
                return;
            case "-":
                Expression(70);
                return;
            case "*" or "**" or "%":
                return;
            case "function" or "λ":
                Expect("(");
                List(")", ",");
                Expect("{");
                Expression(0);
                Expect("}");
                return;
        }

        if (token.StartsWith('$') || token.StartsWith('"') || token.StartsWith('\'') || token.StartsWith('`')
            || char.IsAsciiDigit(token[0]) || token is "true" or "false" or "null" || IsName(token))
        {
            return;
        }

        throw new FormatException($"unexpected '{token}'");
    }

    private void Variable()
    {
        if (Peek is { } t && t.StartsWith('$'))
        {
            _pos++;
            return;
        }

        throw new FormatException("a variable was expected");
    }

    private void ObjectBody()
    {
        if (Peek == "}")
        {
            _pos++;
            return;
        }

        while (true)
        {
            Expression(0);
            Expect(":");
            Expression(0);
            if (Peek == ",")
            {
                _pos++;
                continue;
            }

            Expect("}");
            return;
        }
    }

    private void List(string close, string separator)
    {
        if (Peek == close)
        {
            _pos++;
            return;
        }

        while (true)
        {
            Expression(0);
            if (Peek == separator)
            {
                _pos++;
                continue;
            }

            Expect(close);
            return;
        }
    }

    private void Expect(string token)
    {
        if (Peek != token)
        {
            throw new FormatException(Peek is null ? $"'{token}' is missing" : $"expected '{token}' but found '{Peek}'");
        }

        _pos++;
    }

    private static bool IsName(string token) => NamePattern().IsMatch(token);

    private void Tokenize(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? throw new FormatException("unterminated comment") : end + 2;
            }
            else if (c == '/' && !PreviousIsValue())
            {
                // A regular expression literal such as /^[a-z]+$/i.
                var j = i + 1;
                while (j < text.Length && text[j] != '/')
                {
                    j += text[j] == '\\' ? 2 : 1;
                }

                if (j >= text.Length)
                {
                    throw new FormatException("unterminated regular expression");
                }

                j++;
                while (j < text.Length && char.IsAsciiLetterLower(text[j]))
                {
                    j++;
                }

                _tokens.Add("\"regex\"");
                i = j;
            }
            else if (c is '"' or '\'' or '`')
            {
                var j = i + 1;
                while (j < text.Length && text[j] != c)
                {
                    j += text[j] == '\\' ? 2 : 1;
                }

                if (j >= text.Length)
                {
                    throw new FormatException("unterminated string");
                }

                _tokens.Add(text[i..(j + 1)]);
                i = j + 1;
            }
            else if (char.IsAsciiDigit(c))
            {
                var m = NumberPattern().Match(text, i);
                _tokens.Add(m.Value);
                i += m.Length;
            }
            else if (c == '$' || char.IsLetter(c) || c == '_')
            {
                var j = i + 1;
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] is '_' || (c == '$' && text[j] == '$' && j == i + 1)))
                {
                    j++;
                }

                _tokens.Add(text[i..j]);
                i = j;
            }
            else
            {
                var op = MultiCharOperators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0) ?? c.ToString();
                if (op.Length == 1 && ".[](){},;:?+-*/%=<>&|^@#!~λ".IndexOf(c, StringComparison.Ordinal) < 0)
                {
                    throw new FormatException($"unexpected character '{c}'");
                }

                _tokens.Add(op);
                i += op.Length;
            }
        }
    }

    private bool PreviousIsValue()
    {
        if (_tokens.Count == 0)
        {
            return false;
        }

        var last = _tokens[^1];
        return last is ")" or "]" or "}" || last.StartsWith('$') || last.StartsWith('"') || last.StartsWith('\'')
            || last.StartsWith('`') || char.IsAsciiDigit(last[0]) || (IsName(last) && last is not ("and" or "or" or "in"));
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\G\d+(\.\d+)?([eE][+-]?\d+)?")]
    private static partial Regex NumberPattern();
}
