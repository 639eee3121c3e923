using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansSagas.StatesLanguage.Choice;

/// <summary>RFC 3339 timestamps as the States Language requires them (upper-case T, zone designator mandatory).</summary>
internal static partial class AslTimestamp
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (!Rfc3339().IsMatch(text))
        {
            return false;
        }

        // .NET handles at most 7 fractional digits; Step Functions accepts nanoseconds, so trim the extra precision.
        var normalized = Regex.Replace(text, @"\.(\d{7})\d+", ".$1", RegexOptions.None, TimeSpan.FromSeconds(1));
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
