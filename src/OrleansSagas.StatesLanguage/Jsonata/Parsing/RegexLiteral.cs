using System.Text;
using System.Text.RegularExpressions;

namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>A regular expression literal (/pattern/flags), translated once from the JavaScript flavour to .NET.</summary>
internal sealed class RegexLiteral
{
    private Regex? _regex;

    public RegexLiteral(string pattern, string flags)
    {
        Pattern = pattern;
        Flags = flags;
    }

    public string Pattern { get; }

    public string Flags { get; }

    public Regex Regex => _regex ??= Build();

    public override string ToString() => Pattern;

    private Regex Build()
    {
        var options = RegexOptions.CultureInvariant;
        if (Flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        var multiline = Flags.Contains('m', StringComparison.Ordinal);
        if (multiline)
        {
            options |= RegexOptions.Multiline;
        }

        return new Regex(Translate(Pattern, multiline), options, TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// JavaScript's "$" (without the m flag) matches only at the very end, and "[^]" matches any character;
    /// .NET needs "\z" and "[\s\S]" for those.
    /// </summary>
    private static string Translate(string pattern, bool multiline)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                if (next == 'd' && !inClass)
                {
                    result.Append("[0-9]");
                }
                else if (next == 'd')
                {
                    result.Append("0-9");
                }
                else
                {
                    result.Append(c).Append(next);
                }

                i++;
                continue;
            }

            if (!inClass && c == '[')
            {
                if (string.CompareOrdinal(pattern, i, "[^]", 0, 3) == 0)
                {
                    result.Append(@"[\s\S]");
                    i += 2;
                    continue;
                }

                inClass = true;
            }
            else if (inClass && c == ']')
            {
                inClass = false;
            }
            else if (!inClass && c == '$' && !multiline)
            {
                result.Append(@"(?!\n)$");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
