using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace OrleansSagas.StatesLanguage.JsonPath;

/// <summary>Parses JSONPath text (Jayway dialect, as used by Step Functions) into segments.</summary>
internal sealed class JsonPathParser
{
    private static readonly ConcurrentDictionary<string, JsonPathExpression> Cache = new(StringComparer.Ordinal);
    private readonly string _text;
    private int _pos;

    private JsonPathParser(string text, int pos = 0)
    {
        _text = text;
        _pos = pos;
    }

    public static JsonPathExpression Parse(string text)
    {
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var parsed = new JsonPathParser(text).ParseRoot();
        Cache.TryAdd(text, parsed);
        return parsed;
    }

    public static bool TryParse(string text, out JsonPathExpression? expression, out string error)
    {
        try
        {
            expression = Parse(text);
            error = string.Empty;
            return true;
        }
        catch (JsonPathSyntaxException ex)
        {
            expression = null;
            error = ex.Message;
            return false;
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private JsonPathExpression ParseRoot()
    {
        if (AtEnd || Current != '$')
        {
            throw Error("a JSONPath must start with '$'");
        }

        _pos++;
        var root = JsonPathRoot.Input;
        string? variable = null;
        if (!AtEnd && Current == '$')
        {
            _pos++;
            root = JsonPathRoot.Context;
        }
        else if (!AtEnd && (char.IsLetter(Current) || Current == '_'))
        {
            var start = _pos;
            while (!AtEnd && (char.IsLetterOrDigit(Current) || Current == '_'))
            {
                _pos++;
            }

            root = JsonPathRoot.Variable;
            variable = _text[start.._pos];
        }

        var segments = ParseSegments(inFilter: false);
        if (!AtEnd)
        {
            throw Error($"unexpected character '{Current}' at position {_pos}");
        }

        return new JsonPathExpression(_text, root, variable, segments);
    }

    private List<JsonPathSegment> ParseSegments(bool inFilter)
    {
        var segments = new List<JsonPathSegment>();
        while (!AtEnd)
        {
            if (Current == '.')
            {
                _pos++;
                if (!AtEnd && Current == '.')
                {
                    _pos++;
                    segments.Add(new RecursiveSegment(ParseAfterDot(inFilter, allowBracket: true)));
                }
                else
                {
                    segments.Add(ParseAfterDot(inFilter, allowBracket: false));
                }
            }
            else if (Current == '[')
            {
                segments.Add(ParseBracket());
            }
            else
            {
                break;
            }
        }

        return segments;
    }

    private JsonPathSegment ParseAfterDot(bool inFilter, bool allowBracket)
    {
        if (AtEnd)
        {
            throw Error("a path must not end with '.'");
        }

        if (Current == '*')
        {
            _pos++;
            return new WildcardSegment();
        }

        if (Current == '[' && allowBracket)
        {
            return ParseBracket();
        }

        var start = _pos;
        while (!AtEnd && Current != '.' && Current != '[' && !(inFilter && IsFilterStop(Current)))
        {
            if (!inFilter && (Current is ']' or '(' or ')' or '\'' or '"' || char.IsWhiteSpace(Current)))
            {
                throw Error($"unexpected character '{Current}' in a name at position {_pos}");
            }

            _pos++;
        }

        if (_pos == start)
        {
            throw Error($"empty name at position {_pos}");
        }

        return new ChildSegment(_text[start.._pos]);
    }

    private static bool IsFilterStop(char c) => char.IsWhiteSpace(c) || c is ')' or '=' or '!' or '<' or '>' or '&' or '|' or ',' or ']';

    private JsonPathSegment ParseBracket()
    {
        _pos++; // [
        SkipSpaces();
        if (AtEnd)
        {
            throw Error("unterminated '['");
        }

        JsonPathSegment segment;
        if (Current == '*')
        {
            _pos++;
            segment = new WildcardSegment();
        }
        else if (Current == '?')
        {
            _pos++;
            SkipSpaces();
            Expect('(');
            var filter = new FilterParser(this).ParseOr();
            SkipSpaces();
            Expect(')');
            segment = new FilterSegment(filter);
        }
        else if (Current == '(')
        {
            segment = ParseLengthScript();
        }
        else if (Current is '\'' or '"')
        {
            var names = new List<string> { ReadQuoted() };
            SkipSpaces();
            while (!AtEnd && Current == ',')
            {
                _pos++;
                SkipSpaces();
                names.Add(ReadQuoted());
                SkipSpaces();
            }

            segment = names.Count == 1 ? new ChildSegment(names[0]) : new ChildUnionSegment(names);
        }
        else
        {
            segment = ParseIndexOrSlice();
        }

        SkipSpaces();
        Expect(']');
        return segment;
    }

    private JsonPathSegment ParseLengthScript()
    {
        var close = _text.IndexOf(')', _pos);
        if (close < 0)
        {
            throw Error("unterminated script expression");
        }

        var body = _text[(_pos + 1)..close].Replace(" ", string.Empty, StringComparison.Ordinal);
        _pos = close + 1;
        if (body == "@.length")
        {
            return new LengthOffsetSegment(0);
        }

        if (body.StartsWith("@.length-", StringComparison.Ordinal)
            && int.TryParse(body["@.length-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return new LengthOffsetSegment(offset);
        }

        throw Error($"unsupported script expression '({body})'");
    }

    private JsonPathSegment ParseIndexOrSlice()
    {
        var parts = new List<int?> { ReadOptionalInt() };
        var separators = new List<char>();
        SkipSpaces();
        while (!AtEnd && Current is ':' or ',')
        {
            separators.Add(Current);
            _pos++;
            SkipSpaces();
            parts.Add(ReadOptionalInt());
            SkipSpaces();
        }

        if (separators.Count == 0)
        {
            return parts[0] is { } index ? new IndexSegment(index) : throw Error($"expected an index at position {_pos}");
        }

        if (separators.All(s => s == ','))
        {
            if (parts.Any(p => p is null))
            {
                throw Error("empty index in a list");
            }

            return new IndexUnionSegment(parts.Select(p => p!.Value).ToList());
        }

        if (separators.All(s => s == ':') && parts.Count <= 3)
        {
            return new SliceSegment(parts[0], parts[1], parts.Count == 3 ? parts[2] : null);
        }

        throw Error("invalid slice");
    }

    private int? ReadOptionalInt()
    {
        var start = _pos;
        if (!AtEnd && Current == '-')
        {
            _pos++;
        }

        while (!AtEnd && char.IsAsciiDigit(Current))
        {
            _pos++;
        }

        if (_pos == start)
        {
            return null;
        }

        return int.TryParse(_text[start.._pos], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"invalid index '{_text[start.._pos]}'");
    }

    internal string ReadQuoted()
    {
        var quote = Current;
        _pos++;
        var sb = new StringBuilder();
        while (!AtEnd && Current != quote)
        {
            // Only the quote itself is escaped; any other backslash is part of the name (Jayway keeps it).
            if (Current == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] == quote)
            {
                _pos++;
            }

            sb.Append(Current);
            _pos++;
        }

        if (AtEnd)
        {
            throw Error("unterminated string");
        }

        _pos++;
        return sb.ToString();
    }

    private void Expect(char c)
    {
        if (AtEnd || Current != c)
        {
            throw Error($"expected '{c}' at position {_pos}");
        }

        _pos++;
    }

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            _pos++;
        }
    }

    private JsonPathSyntaxException Error(string message) => new($"Invalid JSONPath '{_text}': {message}");

    /// <summary>Filter grammar: or := and ('||' and)*; and := unary ('&amp;&amp;' unary)*; unary := '!' unary | primary.</summary>
    private sealed class FilterParser(JsonPathParser p)
    {
        private static readonly string[] Operators = ["==", "!=", "<=", ">=", "=~", "<", ">", " in ", " nin "];

        public FilterExpression ParseOr()
        {
            var left = ParseAnd();
            while (TryConsume("||"))
            {
                left = new OrFilter(left, ParseAnd());
            }

            return left;
        }

        private FilterExpression ParseAnd()
        {
            var left = ParseUnary();
            while (TryConsume("&&"))
            {
                left = new AndFilter(left, ParseUnary());
            }

            return left;
        }

        private FilterExpression ParseUnary()
        {
            p.SkipSpaces();
            if (!p.AtEnd && p.Current == '!' && (p._pos + 1 >= p._text.Length || p._text[p._pos + 1] != '='))
            {
                p._pos++;
                return new NotFilter(ParseUnary());
            }

            if (!p.AtEnd && p.Current == '(')
            {
                p._pos++;
                var inner = ParseOr();
                p.SkipSpaces();
                p.Expect(')');
                return inner;
            }

            var left = ParseOperand();
            p.SkipSpaces();
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(p._text, p._pos, op, 0, op.Length) == 0
                    || (op.StartsWith(' ') && string.CompareOrdinal(p._text, p._pos, op.TrimStart(), 0, op.Length - 1) == 0))
                {
                    p._pos += op.StartsWith(' ') ? op.Length - 1 : op.Length;
                    var right = ParseOperand();
                    return new ComparisonFilter(left, op.Trim(), right);
                }
            }

            return new ExistsFilter(left);
        }

        private FilterOperand ParseOperand()
        {
            p.SkipSpaces();
            if (p.AtEnd)
            {
                throw p.Error("unterminated filter");
            }

            var c = p.Current;
            if (c is '@' or '$')
            {
                p._pos++;
                return new PathOperand(c == '$', p.ParseSegments(inFilter: true));
            }

            if (c is '\'' or '"')
            {
                return new LiteralOperand(System.Text.Json.Nodes.JsonValue.Create(p.ReadQuoted()));
            }

            if (c == '/')
            {
                var end = p._text.IndexOf('/', p._pos + 1);
                if (end < 0)
                {
                    throw p.Error("unterminated regular expression");
                }

                var pattern = p._text[(p._pos + 1)..end];
                p._pos = end + 1;
                var options = System.Text.RegularExpressions.RegexOptions.None;
                while (!p.AtEnd && char.IsLetter(p.Current))
                {
                    if (p.Current == 'i')
                    {
                        options |= System.Text.RegularExpressions.RegexOptions.IgnoreCase;
                    }

                    p._pos++;
                }

                return new RegexOperand(new System.Text.RegularExpressions.Regex(pattern, options, TimeSpan.FromSeconds(1)));
            }

            var start = p._pos;
            var depth = 0;
            while (!p.AtEnd && (depth > 0 || !IsFilterStop(p.Current) || (p.Current == ']' && depth > 0)))
            {
                depth += p.Current == '[' ? 1 : p.Current == ']' ? -1 : 0;
                p._pos++;
            }

            var literal = p._text[start..p._pos];
            try
            {
                return new LiteralOperand(System.Text.Json.Nodes.JsonNode.Parse(literal));
            }
            catch (System.Text.Json.JsonException)
            {
                // Jayway reads a bare word such as FooBar in [?(@.key == FooBar)] as the string "FooBar".
                return literal.Length > 0 && literal.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '-')
                    ? new LiteralOperand(System.Text.Json.Nodes.JsonValue.Create(literal))
                    : throw p.Error($"invalid literal '{literal}' in filter");
            }
        }

        private bool TryConsume(string token)
        {
            p.SkipSpaces();
            if (string.CompareOrdinal(p._text, p._pos, token, 0, token.Length) == 0)
            {
                p._pos += token.Length;
                return true;
            }

            return false;
        }
    }
}
