using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>Parses a timestamp with an XPath date/time picture into epoch milliseconds.</summary>
internal static partial class DateTimeParser
{
    private const int DateA = 161, DateB = 130, DateC = 84, DateD = 72, TimeA = 23, TimeB = 47;

    private sealed record Matcher(string Regex, char Component, Func<string, double>? Parse);

    public static double? Parse(string timestamp, string picture, double now)
    {
        var spec = DateTimePicture.Analyse(picture);
        var matchers = spec.Parts.Select(ToMatcher).ToList();
        var full = "^" + string.Concat(matchers.Select(m => "(" + m.Regex + ")")) + "$";
        var info = Regex.Match(timestamp, full, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!info.Success)
        {
            return null;
        }

        var components = new Dictionary<char, double>();
        for (var i = 1; i < info.Groups.Count && i - 1 < matchers.Count; i++)
        {
            if (matchers[i - 1].Parse is { } parse)
            {
                components[matchers[i - 1].Component] = parse(info.Groups[i].Value);
            }
        }

        if (components.Count == 0)
        {
            return null;
        }

        var mask = 0;
        void Shift(char part)
        {
            mask <<= 1;
            mask += components.TryGetValue(part, out var v) && v != 0 && !double.IsNaN(v) ? 1 : 0;
        }

        bool IsType(int type) => (~type & mask) == 0 && (type & mask) != 0;
        foreach (var part in "YXMxWwdD")
        {
            Shift(part);
        }

        var dateA = IsType(DateA);
        var dateB = !dateA && IsType(DateB);
        var dateC = IsType(DateC);
        var dateD = !dateC && IsType(DateD);
        mask = 0;
        foreach (var part in "PHhmsf")
        {
            Shift(part);
        }

        var timeA = IsType(TimeA);
        var timeB = !timeA && IsType(TimeB);
        var comps = (dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD") + (timeB ? "Phmsf" : "Hmsf");
        var startSpecified = false;
        var endSpecified = false;
        foreach (var part in comps)
        {
            if (!components.ContainsKey(part))
            {
                if (startSpecified)
                {
                    components[part] = "MDd".Contains(part, StringComparison.Ordinal) ? 1 : 0;
                    endSpecified = true;
                }
                else
                {
                    components[part] = DateTimeFormatter.Fragment(now, part) is double d ? d : 0;
                }
            }
            else
            {
                startSpecified = true;
                if (endSpecified)
                {
                    throw new JsonataException("D3136");
                }
            }
        }

        components['M'] = components.GetValueOrDefault('M') > 0 ? components['M'] - 1 : 0;
        if (dateB)
        {
            var firstJan = UtcCalendar.ToMillis(components['Y'], 0);
            var derived = UtcCalendar.FromMillis(firstJan + ((components['d'] - 1) * UtcCalendar.MillisPerDay));
            components['M'] = derived.Month - 1;
            components['D'] = derived.Day;
        }

        if (dateC || dateD)
        {
            throw new JsonataException("D3136");
        }

        if (timeB)
        {
            components['H'] = components['h'] == 12 ? 0 : components['h'];
            if (components.GetValueOrDefault('P') == 1)
            {
                components['H'] += 12;
            }
        }

        var millis = UtcCalendar.ToMillis(components['Y'], components['M'], components['D'], components['H'], components['m'], components['s'], components['f']);
        var zone = components.GetValueOrDefault('Z');
        if (zone == 0)
        {
            zone = components.GetValueOrDefault('z');
        }

        if (zone != 0 && !double.IsNaN(zone))
        {
            millis -= zone * 60 * 1000;
        }

        return millis;
    }

    private static Matcher ToMatcher(DateTimePicture.Part part)
    {
        if (part.Literal is not null)
        {
            return new Matcher(Regex.Escape(part.Literal), '\0', null);
        }

        if (part.Component is 'Z' or 'z')
        {
            var separator = part.IntegerFormat!.Regular ? part.IntegerFormat.Separators[0].Character : null;
            var regex = (part.Component == 'z' ? "GMT" : "") + "[-+][0-9]+" + (separator is null ? "" : Regex.Escape(separator) + "[0-9]+");
            return new Matcher(regex, part.Component, value =>
            {
                if (part.Component == 'z')
                {
                    value = value[3..];
                }

                double hours, minutes = 0;
                if (separator is not null)
                {
                    var at = value.IndexOf(separator, StringComparison.Ordinal);
                    hours = ParseInt(value[..at]);
                    minutes = ParseInt(value[(at + 1)..]);
                }
                else if (value.Length - 1 <= 2)
                {
                    hours = ParseInt(value);
                }
                else
                {
                    hours = ParseInt(value[..3]);
                    minutes = ParseInt(value[3..]);
                }

                return (hours * 60) + minutes;
            });
        }

        if (part.Component == 'f')
        {
            return new Matcher("[0-9]+", 'f', value =>
                double.Parse("0." + value[..Math.Min(3, value.Length)], CultureInfo.InvariantCulture) * 1000);
        }

        if (part.IntegerFormat is { } integerFormat)
        {
            return new Matcher(IntegerFormatter.MatchPattern(integerFormat), part.Component, value => IntegerFormatter.ParseWith(value, integerFormat));
        }

        var lookup = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        switch (part.Component)
        {
            case 'M' or 'x':
                for (var i = 0; i < DateTimeFormatter.Months.Length; i++)
                {
                    var name = DateTimeFormatter.Months[i];
                    lookup[part.WidthMax is { } max ? name[..Math.Min(max, name.Length)] : name] = i + 1;
                }

                break;
            case 'F':
                for (var i = 1; i < DateTimeFormatter.Days.Length; i++)
                {
                    var name = DateTimeFormatter.Days[i];
                    lookup[part.WidthMax is { } max ? name[..Math.Min(max, name.Length)] : name] = i;
                }

                break;
            case 'P':
                lookup["am"] = 0;
                lookup["pm"] = 1;
                break;
            default:
                throw new JsonataException("D3133", value: part.Component.ToString());
        }

        return new Matcher("[a-zA-Z]+", part.Component, value => lookup.TryGetValue(value, out var v) ? v : double.NaN);
    }

    private static double ParseInt(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    /// <summary>Date.parse for the ISO 8601 forms JSONata accepts; dates without a zone are UTC.</summary>
    public static double ParseIso(string timestamp)
    {
        var m = IsoPattern().Match(timestamp);
        if (!m.Success)
        {
            throw new JsonataException("D3110", value: timestamp);
        }

        double Group(int i, double fallback) => m.Groups[i].Success ? double.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : fallback;
        var fraction = m.Groups[7].Success ? double.Parse("0" + m.Groups[7].Value, CultureInfo.InvariantCulture) : 0;
        var millis = UtcCalendar.ToMillis(Group(1, 0), Group(2, 1) - 1, Group(3, 1), Group(4, 0), Group(5, 0), Group(6, 0), Math.Floor(fraction * 1000));
        if (m.Groups[8].Success && m.Groups[8].Value != "Z")
        {
            var zone = m.Groups[8].Value.Replace(":", "", StringComparison.Ordinal);
            var sign = zone[0] == '-' ? -1 : 1;
            var minutes = (int.Parse(zone[1..3], CultureInfo.InvariantCulture) * 60) + int.Parse(zone[3..5], CultureInfo.InvariantCulture);
            millis -= sign * minutes * 60_000;
        }

        return millis;
    }

    [GeneratedRegex(@"^(\d{4})(?:-([01]\d))?(?:-([0-3]\d))?(?:T([0-2]\d):([0-5]\d):([0-5]\d))?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$")]
    private static partial Regex IsoPattern();
}
