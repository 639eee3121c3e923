using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>Splits a JSONata expression into tokens, one at a time (a "/" is a regex only where an operand may start).</summary>
internal sealed partial class Lexer
{
    internal static readonly Dictionary<string, int> Operators = new(StringComparer.Ordinal)
    {
        ["."] = 75, ["["] = 80, ["]"] = 0, ["{"] = 70, ["}"] = 0, ["("] = 80, [")"] = 0, [","] = 0, ["@"] = 80,
        ["#"] = 80, [";"] = 80, [":"] = 80, ["?"] = 20, ["+"] = 50, ["-"] = 50, ["*"] = 60, ["/"] = 60, ["%"] = 60,
        ["|"] = 20, ["="] = 40, ["<"] = 40, [">"] = 40, ["^"] = 40, ["**"] = 60, [".."] = 20, [":="] = 10,
        ["!="] = 40, ["<="] = 40, [">="] = 40, ["~>"] = 40, ["?:"] = 40, ["??"] = 40, ["and"] = 30, ["or"] = 25,
        ["in"] = 40, ["&"] = 50, ["!"] = 0, ["~"] = 0,
    };

    private static readonly string[] TwoCharOperators = ["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"];
    private const string Whitespace = " \t\n\r\v";

    private readonly string _path;
    private int _position;

    public Lexer(string path) => _path = path;

    /// <summary>The next token, or null at the end of the expression.</summary>
    public Node? Next(bool prefix)
    {
        if (_position >= _path.Length)
        {
            return null;
        }

        while (_position < _path.Length && Whitespace.Contains(_path[_position], StringComparison.Ordinal))
        {
            _position++;
        }

        if (Peek(0) == '/' && Peek(1) == '*')
        {
            var commentStart = _position;
            _position += 2;
            while (!(Peek(0) == '*' && Peek(1) == '/'))
            {
                _position++;
                if (_position >= _path.Length)
                {
                    throw new JsonataException("S0106", commentStart);
                }
            }

            _position += 2;
            return Next(prefix);
        }

        if (_position >= _path.Length)
        {
            return null;
        }

        var start = _position;
        var current = _path[_position];
        if (!prefix && current == '/')
        {
            _position++;
            return Create("regex", ScanRegex(), start);
        }

        foreach (var op in TwoCharOperators)
        {
            if (string.CompareOrdinal(_path, _position, op, 0, 2) == 0)
            {
                _position += 2;
                return Create("operator", op, start);
            }
        }

        if (Operators.ContainsKey(current.ToString()))
        {
            _position++;
            return Create("operator", current.ToString(), start);
        }

        if (current is '"' or '\'')
        {
            return Create("string", ScanString(current), start);
        }

        var number = NumberPattern().Match(_path, _position);
        if (number.Success)
        {
            var value = double.Parse(number.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsFinite(value))
            {
                _position += number.Length;
                return Create("number", value, start);
            }

            throw new JsonataException("S0102", _position, number.Value);
        }

        if (current == '`')
        {
            _position++;
            var end = _path.IndexOf('`', _position);
            if (end != -1)
            {
                var quoted = _path[_position..end];
                _position = end + 1;
                return Create("name", quoted, start);
            }

            _position = _path.Length;
            throw new JsonataException("S0105", _position);
        }

        var i = _position;
        while (i < _path.Length && !Whitespace.Contains(_path[i], StringComparison.Ordinal) && !Operators.ContainsKey(_path[i].ToString()))
        {
            i++;
        }

        if (_path[_position] == '$')
        {
            var variable = _path[(_position + 1)..i];
            _position = i;
            return Create("variable", variable, start);
        }

        var name = _path[_position..i];
        _position = i;
        return name switch
        {
            "or" or "in" or "and" => Create("operator", name, start),
            "true" => Create("value", true, start),
            "false" => Create("value", false, start),
            "null" => Create("value", JsonataNull.Value, start),
            "" when _position == _path.Length => null,
            _ => Create("name", name, start),
        };
    }

    private char Peek(int offset) => _position + offset < _path.Length ? _path[_position + offset] : '\0';

    private static Node Create(string type, object value, int position) => new() { Type = type, Value = value, Position = position };

    private string ScanString(char quote)
    {
        _position++;
        var text = new StringBuilder();
        while (_position < _path.Length)
        {
            var c = _path[_position];
            if (c == '\\')
            {
                _position++;
                c = Peek(0);
                switch (c)
                {
                    case '"' or '\\' or '/':
                        text.Append(c);
                        break;
                    case 'b':
                        text.Append('\b');
                        break;
                    case 'f':
                        text.Append('\f');
                        break;
                    case 'n':
                        text.Append('\n');
                        break;
                    case 'r':
                        text.Append('\r');
                        break;
                    case 't':
                        text.Append('\t');
                        break;
                    case 'u':
                        var octets = _path.Length >= _position + 5 ? _path.Substring(_position + 1, 4) : "";
                        if (!HexPattern().IsMatch(octets))
                        {
                            throw new JsonataException("S0104", _position);
                        }

                        text.Append((char)int.Parse(octets, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _position += 4;
                        break;
                    default:
                        throw new JsonataException("S0103", _position, c.ToString());
                }
            }
            else if (c == quote)
            {
                _position++;
                return text.ToString();
            }
            else
            {
                text.Append(c);
            }

            _position++;
        }

        throw new JsonataException("S0101", _position);
    }

    private RegexLiteral ScanRegex()
    {
        var start = _position;
        var depth = 0;
        while (_position < _path.Length)
        {
            var c = _path[_position];
            if (c == '/' && depth == 0 && !IsEscaped(_position))
            {
                var pattern = _path[start.._position];
                if (pattern.Length == 0)
                {
                    throw new JsonataException("S0301", _position);
                }

                _position++;
                var flagStart = _position;
                while (Peek(0) is 'i' or 'm')
                {
                    _position++;
                }

                return new RegexLiteral(pattern, _path[flagStart.._position]);
            }

            if (c is '(' or '[' or '{' && _position > 0 && _path[_position - 1] != '\\')
            {
                depth++;
            }

            if (c is ')' or ']' or '}' && _position > 0 && _path[_position - 1] != '\\')
            {
                depth--;
            }

            _position++;
        }

        throw new JsonataException("S0302", _position);
    }

    private bool IsEscaped(int position)
    {
        var backslashes = 0;
        while (position - backslashes - 1 >= 0 && _path[position - backslashes - 1] == '\\')
        {
            backslashes++;
        }

        return backslashes % 2 != 0;
    }

    [GeneratedRegex(@"\G-?(0|([1-9][0-9]*))(\.[0-9]+)?([Ee][-+]?[0-9]+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("^[0-9a-fA-F]{4}$")]
    private static partial Regex HexPattern();
}
