using System.Text;
using System.Text.RegularExpressions;

namespace OrleansSagas.StatesLanguage.Choice;

/// <summary>StringMatches: '*' matches any run of characters, '\*' a literal star and '\\' a literal backslash.</summary>
internal static class StringMatchPattern
{
    public static bool IsMatch(string value, string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '*')
            {
                sb.Append(".*");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        sb.Append('$');
        return Regex.IsMatch(value, sb.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
