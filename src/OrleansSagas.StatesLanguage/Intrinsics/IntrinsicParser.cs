using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.JsonPath;

namespace OrleansSagas.StatesLanguage.Intrinsics;

/// <summary>Parses intrinsic function calls such as <c>States.Format('{} x', $.a)</c>.</summary>
internal sealed class IntrinsicParser
{
    private static readonly ConcurrentDictionary<string, IntrinsicCall> Cache = new(StringComparer.Ordinal);
    private readonly string _text;
    private int _pos;

    private IntrinsicParser(string text) => _text = text;

    /// <summary>True when the string looks like an intrinsic call (so it is not a path).</summary>
    public static bool LooksLikeCall(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    public static IntrinsicCall Parse(string text)
    {
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var parser = new IntrinsicParser(text);
        var call = parser.ParseCall();
        parser.SkipSpaces();
        if (parser._pos != text.Length)
        {
            throw new IntrinsicSyntaxException($"unexpected text after the closing parenthesis in '{text}'");
        }

        IntrinsicSignatures.Check(call);
        Cache.TryAdd(text, call);
        return call;
    }

    public static bool TryParse(string text, out IntrinsicCall? call, out string error)
    {
        try
        {
            call = Parse(text);
            error = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is IntrinsicSyntaxException or JsonPathSyntaxException)
        {
            call = null;
            error = ex.Message;
            return false;
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private IntrinsicCall ParseCall()
    {
        var start = _pos;
        while (!AtEnd && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            _pos++;
        }

        var name = _text[start.._pos];
        if (!IntrinsicSignatures.IsKnown(name))
        {
            throw new IntrinsicSyntaxException($"'{name}' is not a known intrinsic function");
        }

        SkipSpaces();
        Expect('(');
        var args = new List<IntrinsicArgument>();
        SkipSpaces();
        if (!AtEnd && _text[_pos] == ')')
        {
            _pos++;
            return new IntrinsicCall(name, args, _text[start.._pos]);
        }

        while (true)
        {
            SkipSpaces();
            args.Add(ParseArgument());
            SkipSpaces();
            if (AtEnd)
            {
                throw new IntrinsicSyntaxException($"missing ')' in '{_text}'");
            }

            if (_text[_pos] == ',')
            {
                _pos++;
                continue;
            }

            Expect(')');
            return new IntrinsicCall(name, args, _text[start.._pos]);
        }
    }

    private IntrinsicArgument ParseArgument()
    {
        if (AtEnd)
        {
            throw new IntrinsicSyntaxException($"missing argument in '{_text}'");
        }

        var c = _text[_pos];
        if (c == '\'')
        {
            return ParseString();
        }

        if (c == '$')
        {
            return new PathArgument(JsonPathParser.Parse(ReadPathText()));
        }

        if (string.CompareOrdinal(_text, _pos, "States.", 0, 7) == 0)
        {
            return new CallArgument(ParseCall());
        }

        var start = _pos;
        while (!AtEnd && _text[_pos] is not (',' or ')') && !char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }

        var token = _text[start.._pos];
        return token switch
        {
            "true" => new LiteralArgument(JsonValue.Create(true), null),
            "false" => new LiteralArgument(JsonValue.Create(false), null),
            "null" => new LiteralArgument(null, null),
            _ when decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && token.Length > 0
                => new LiteralArgument(JsonNode.Parse(NormalizeNumber(token)), null),
            _ => throw new IntrinsicSyntaxException($"invalid argument '{token}' in '{_text}'"),
        };
    }

    private static string NormalizeNumber(string token) =>
        token.StartsWith('.') ? "0" + token : token.StartsWith("-.", StringComparison.Ordinal) ? "-0" + token[1..] : token;

    private LiteralArgument ParseString()
    {
        _pos++;
        var value = new StringBuilder();
        var raw = new StringBuilder();
        while (!AtEnd && _text[_pos] != '\'')
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length)
            {
                raw.Append(_text[_pos]).Append(_text[_pos + 1]);
                value.Append(_text[_pos + 1] switch { 'n' => '\n', 't' => '\t', var x => x });
                _pos += 2;
                continue;
            }

            raw.Append(_text[_pos]);
            value.Append(_text[_pos]);
            _pos++;
        }

        if (AtEnd)
        {
            throw new IntrinsicSyntaxException($"unterminated string in '{_text}'");
        }

        _pos++;
        return new LiteralArgument(JsonValue.Create(value.ToString()), raw.ToString());
    }

    private string ReadPathText()
    {
        var start = _pos;
        var depth = 0;
        char? quote = null;
        while (!AtEnd)
        {
            var c = _text[_pos];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"' && depth > 0)
            {
                quote = c;
            }
            else if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' || (c == ')' && depth > 0))
            {
                depth--;
            }
            else if (depth == 0 && (c is ',' or ')' || char.IsWhiteSpace(c)))
            {
                break;
            }

            _pos++;
        }

        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        if (AtEnd || _text[_pos] != c)
        {
            throw new IntrinsicSyntaxException($"expected '{c}' at position {_pos} in '{_text}'");
        }

        _pos++;
    }

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}

/// <summary>Raised when an intrinsic call is malformed (unknown function, bad arguments).</summary>
internal sealed class IntrinsicSyntaxException(string message) : Exception(message);
