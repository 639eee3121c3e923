using System.Globalization;
using System.Text;
using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>$contains, $match, $replace and $split: with a string, or with a matcher function such as a regex.</summary>
internal static class RegexFunctions
{
    private static JsonataObject? EvaluateMatcher(CallContext ctx, object? matcher, IReadOnlyList<object?> args)
    {
        var result = ctx.Evaluator.Apply(matcher, args, null, ctx.Environment);
        if (result is null)
        {
            return null;
        }

        if (result is not JsonataObject obj
            || !(obj.GetValueOrDefault("start") is double || obj.GetValueOrDefault("groups") is JsonataArray || obj.GetValueOrDefault("next") is JsonataFunction))
        {
            throw new JsonataException("T1010");
        }

        return obj;
    }

    private static JsonataObject? NextMatch(CallContext ctx, JsonataObject match) =>
        match.GetValueOrDefault("next") is JsonataFunction next ? EvaluateMatcher(ctx, next, []) : null;

    public static object? Contains(CallContext ctx, object? str, object? token)
    {
        if (str is not string s || token is null)
        {
            return null;
        }

        if (token is string t)
        {
            return s.Contains(t, StringComparison.Ordinal);
        }

        return EvaluateMatcher(ctx, token, [s]) is not null;
    }

    public static object? Match(CallContext ctx, object? str, object? regex, object? limitArg)
    {
        if (str is not string s)
        {
            return null;
        }

        var limit = limitArg as double?;
        if (limit < 0)
        {
            throw new JsonataException("D3040", value: limit) { ArgumentIndex = 3 };
        }

        var result = JsonataArray.Sequence();
        if (limit is null or > 0)
        {
            var count = 0;
            var matches = EvaluateMatcher(ctx, regex, [s]);
            while (matches is not null && (limit is null || count < limit))
            {
                result.Add(new JsonataObject
                {
                    ["match"] = matches.GetValueOrDefault("match"),
                    ["index"] = matches.GetValueOrDefault("start"),
                    ["groups"] = matches.GetValueOrDefault("groups"),
                });
                matches = NextMatch(ctx, matches);
                count++;
            }
        }

        return result;
    }

    public static object? Replace(CallContext ctx, object? str, object? pattern, object? replacement, object? limitArg)
    {
        if (str is not string s)
        {
            return null;
        }

        if (pattern is "")
        {
            throw new JsonataException("D3010", value: pattern) { ArgumentIndex = 2 };
        }

        var limit = limitArg as double?;
        if (limit < 0)
        {
            throw new JsonataException("D3011", value: limit) { ArgumentIndex = 4 };
        }

        if (limit is not (null or > 0))
        {
            return s;
        }

        var result = new StringBuilder();
        var position = 0;
        var count = 0;
        if (pattern is string p)
        {
            var index = s.IndexOf(p, StringComparison.Ordinal);
            while (index != -1 && (limit is null || count < limit))
            {
                result.Append(s, position, index - position);
                result.Append(replacement is string r ? r : StringFunctions.ToJsonataString(replacement));
                position = index + p.Length;
                count++;
                index = s.IndexOf(p, position, StringComparison.Ordinal);
            }

            result.Append(s, position, s.Length - position);
            return result.ToString();
        }

        var matches = EvaluateMatcher(ctx, pattern, [s]);
        if (matches is null)
        {
            return s;
        }

        while (matches is not null && (limit is null || count < limit))
        {
            var start = (int)(double)matches["start"]!;
            result.Append(s, position, start - position);
            var replaced = replacement is string template
                ? Substitute(template, matches)
                : ctx.Evaluator.Apply(replacement, [matches], null, ctx.Environment);
            if (replaced is not string replacedText)
            {
                throw new JsonataException("D3012", value: replaced);
            }

            result.Append(replacedText);
            position = start + ((string)matches["match"]!).Length;
            count++;
            matches = NextMatch(ctx, matches);
        }

        result.Append(s, position, s.Length - position);
        return result.ToString();
    }

    /// <summary>Expands $0, $1… and $$ in a replacement string.</summary>
    private static string Substitute(string replacement, JsonataObject match)
    {
        var groups = match.GetValueOrDefault("groups") as JsonataArray ?? [];
        var text = new StringBuilder();
        var position = 0;
        var index = replacement.IndexOf('$', position);
        while (index != -1 && position < replacement.Length)
        {
            text.Append(replacement, position, index - position);
            position = index + 1;
            var dollar = position < replacement.Length ? replacement[position] : '\0';
            if (dollar == '$')
            {
                text.Append('$');
                position++;
            }
            else if (dollar == '0')
            {
                text.Append((string?)match.GetValueOrDefault("match"));
                position++;
            }
            else
            {
                var maxDigits = groups.Count == 0 ? 1 : (int)Math.Floor(Math.Log10(groups.Count)) + 1;
                var group = ParseLeadingInt(replacement, position, maxDigits);
                if (maxDigits > 1 && group > groups.Count)
                {
                    group = ParseLeadingInt(replacement, position, maxDigits - 1);
                }

                if (group is { } g)
                {
                    if (groups.Count > 0 && g - 1 >= 0 && g - 1 < groups.Count && groups[g - 1] is string sub)
                    {
                        text.Append(sub);
                    }

                    position += g.ToString(CultureInfo.InvariantCulture).Length;
                }
                else
                {
                    text.Append('$');
                }
            }

            index = replacement.IndexOf('$', position);
        }

        text.Append(replacement, position, replacement.Length - position);
        return text.ToString();
    }

    private static int? ParseLeadingInt(string text, int start, int maxLength)
    {
        var end = start;
        while (end < text.Length && end - start < maxLength && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end == start ? null : int.Parse(text.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }

    public static object? Split(CallContext ctx, object? str, object? separator, object? limitArg)
    {
        if (str is not string s)
        {
            return null;
        }

        var limit = limitArg as double?;
        if (limit < 0)
        {
            throw new JsonataException("D3020", value: limit) { ArgumentIndex = 3 };
        }

        var result = new JsonataArray();
        if (limit is not (null or > 0))
        {
            return result;
        }

        if (separator is string sep)
        {
            IEnumerable<string> parts = sep.Length == 0 ? s.Select(c => c.ToString()) : s.Split(sep);
            result.AddRange(parts.Take(limit is null ? int.MaxValue : (int)limit.Value));
            return result;
        }

        var count = 0;
        var matches = EvaluateMatcher(ctx, separator, [s]);
        if (matches is null)
        {
            result.Add(s);
            return result;
        }

        var startIndex = 0;
        while (matches is not null && (limit is null || count < limit))
        {
            var start = (int)(double)matches["start"]!;
            result.Add(s[startIndex..start]);
            startIndex = (int)(double)matches["end"]!;
            matches = NextMatch(ctx, matches);
            count++;
        }

        if (limit is null || count < limit)
        {
            result.Add(s[startIndex..]);
        }

        return result;
    }
}
