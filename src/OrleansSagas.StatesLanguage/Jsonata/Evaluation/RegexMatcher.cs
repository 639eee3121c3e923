using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>
/// The function a regex literal evaluates to: given a string it returns the first match as
/// {match, start, end, groups, next}, where next() yields the following match.
/// </summary>
internal sealed class RegexMatcher : JsonataFunction
{
    private readonly RegexLiteral _literal;
    private readonly int _position;

    public RegexMatcher(RegexLiteral literal, int position)
    {
        _literal = literal;
        _position = position;
    }

    public override int Arity => 2;

    public System.Text.RegularExpressions.Regex Regex => _literal.Regex;

    public JsonataObject? Match(string? text, int fromIndex)
    {
        if (text is null || fromIndex > text.Length)
        {
            return null;
        }

        var match = _literal.Regex.Match(text, fromIndex);
        if (!match.Success)
        {
            return null;
        }

        var groups = new JsonataArray();
        for (var i = 1; i < match.Groups.Count; i++)
        {
            groups.Add(match.Groups[i].Success ? match.Groups[i].Value : null);
        }

        var lastIndex = match.Index + match.Length;
        var result = new JsonataObject
        {
            ["match"] = match.Value,
            ["start"] = (double)match.Index,
            ["end"] = (double)lastIndex,
            ["groups"] = groups,
        };
        result["next"] = new NativeFunction("next", 0, (_, _) =>
        {
            if (lastIndex >= text.Length)
            {
                return null;
            }

            var next = Match(text, lastIndex);
            if (next is not null && next["match"] is "")
            {
                throw new JsonataException("D1004", _position, value: _literal.Pattern);
            }

            return next;
        });
        return result;
    }
}
