using System.Globalization;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>Formats epoch milliseconds with an XPath date/time picture, in a time zone given as ±HHMM.</summary>
internal static class DateTimeFormatter
{
    internal static readonly string[] Days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    internal static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(double millis, string? picture, string? timezone)
    {
        var offsetHours = 0;
        var offsetMinutes = 0;
        if (timezone is not null)
        {
            var offset = ParseLeadingInt(timezone);
            offsetHours = (int)Math.Floor(offset / 100.0);
            offsetMinutes = offset % 100;
        }

        var spec = picture is null ? DateTimePicture.Iso8601.Value : DateTimePicture.Analyse(picture);
        var offsetMillis = ((60 * offsetHours) + offsetMinutes) * 60 * 1000;
        var shifted = millis + offsetMillis;
        var text = new System.Text.StringBuilder();
        foreach (var part in spec.Parts)
        {
            text.Append(part.Literal ?? FormatComponent(shifted, part, offsetHours, offsetMinutes));
        }

        return text.ToString();
    }

    private static int ParseLeadingInt(string text)
    {
        var trimmed = text.Trim();
        var end = 0;
        if (end < trimmed.Length && trimmed[end] is '+' or '-')
        {
            end++;
        }

        while (end < trimmed.Length && char.IsAsciiDigit(trimmed[end]))
        {
            end++;
        }

        return int.TryParse(trimmed[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private static string FormatComponent(double millis, DateTimePicture.Part part, int offsetHours, int offsetMinutes)
    {
        var component = part.Component;
        var value = Fragment(millis, component);
        if ("YMDdFWwXxHhms".Contains(component, StringComparison.Ordinal))
        {
            var number = (double)value!;
            if (component == 'Y' && part.N != -1)
            {
                number %= Math.Pow(10, part.N);
            }

            if (part.Names is not null)
            {
                string name = component switch
                {
                    'M' or 'x' => Months[(int)number - 1],
                    'F' => Days[(int)number],
                    _ => throw new JsonataException("D3133", value: component.ToString()),
                };
                name = part.Names switch
                {
                    "upper" => name.ToUpperInvariant(),
                    "lower" => name.ToLowerInvariant(),
                    _ => name,
                };
                if (part.WidthMax is { } max && name.Length > max)
                {
                    name = name[..max];
                }

                return name;
            }

            return IntegerFormatter.FormatWith(number, part.IntegerFormat!);
        }

        switch (component)
        {
            case 'f':
                return IntegerFormatter.FormatWith((double)value!, part.IntegerFormat!);
            case 'Z' or 'z':
                var offset = (offsetHours * 100) + offsetMinutes;
                string result;
                if (part.IntegerFormat!.Regular)
                {
                    result = IntegerFormatter.FormatWith(offset, part.IntegerFormat);
                }
                else
                {
                    var digits = part.IntegerFormat.MandatoryDigits;
                    if (digits is 1 or 2)
                    {
                        result = IntegerFormatter.FormatWith(offsetHours, part.IntegerFormat);
                        if (offsetMinutes != 0)
                        {
                            result += ":" + IntegerFormatter.FormatWith(offsetMinutes, IntegerPicture.Analyse("00"));
                        }
                    }
                    else if (digits is 3 or 4)
                    {
                        result = IntegerFormatter.FormatWith(offset, part.IntegerFormat);
                    }
                    else
                    {
                        throw new JsonataException("D3134", value: (double)digits);
                    }
                }

                if (offset >= 0)
                {
                    result = "+" + result;
                }

                if (component == 'z')
                {
                    result = "GMT" + result;
                }

                if (offset == 0 && part.Presentation2 == 't')
                {
                    result = "Z";
                }

                return result;
            case 'P':
                var marker = (string)value!;
                return part.Names == "upper" ? marker.ToUpperInvariant() : marker;
            default:
                return value as string ?? "";
        }
    }

    /// <summary>One component of a date: a number, or "am"/"pm", or "ISO" for calendar and era.</summary>
    public static object? Fragment(double millis, char component)
    {
        var date = UtcCalendar.FromMillis(millis);
        switch (component)
        {
            case 'Y':
                return (double)date.Year;
            case 'M':
                return (double)date.Month;
            case 'D':
                return (double)date.Day;
            case 'd':
                var today = UtcCalendar.ToMillis(date.Year, date.Month - 1, date.Day);
                var firstJan = UtcCalendar.ToMillis(date.Year, 0);
                return ((today - firstJan) / UtcCalendar.MillisPerDay) + 1;
            case 'F':
                return (double)(date.DayOfWeek == 0 ? 7 : date.DayOfWeek);
            case 'W':
                return WeekInYear(date);
            case 'w':
                return WeekInMonth(date);
            case 'X':
                var startOfIsoYear = StartOfFirstWeek(date.Year, 0);
                var endOfIsoYear = StartOfFirstWeek(date.Year + 1, 0);
                return millis < startOfIsoYear ? date.Year - 1d : millis >= endOfIsoYear ? date.Year + 1d : date.Year;
            case 'x':
                var startOfIsoMonth = StartOfFirstWeek(date.Year, date.Month - 1);
                var (ny, nm) = date.Month == 12 ? (date.Year + 1, 0) : (date.Year, date.Month);
                var endOfIsoMonth = StartOfFirstWeek(ny, nm);
                if (millis < startOfIsoMonth)
                {
                    return date.Month == 1 ? 12d : date.Month - 1d;
                }

                return millis >= endOfIsoMonth ? nm + 1d : date.Month;
            case 'H':
                return (double)date.Hour;
            case 'h':
                var h = date.Hour % 12;
                return (double)(h == 0 ? 12 : h);
            case 'P':
                return date.Hour >= 12 ? "pm" : "am";
            case 'm':
                return (double)date.Minute;
            case 's':
                return (double)date.Second;
            case 'f':
                return (double)date.Millisecond;
            case 'C' or 'E':
                return "ISO";
            default:
                return null;
        }
    }

    private static double StartOfFirstWeek(long year, int month)
    {
        var jan1 = UtcCalendar.ToMillis(year, month);
        var dayOfJan1 = UtcCalendar.FromMillis(jan1).DayOfWeek;
        if (dayOfJan1 == 0)
        {
            dayOfJan1 = 7;
        }

        return dayOfJan1 > 4 ? jan1 + ((8 - dayOfJan1) * UtcCalendar.MillisPerDay) : jan1 - ((dayOfJan1 - 1) * UtcCalendar.MillisPerDay);
    }

    private static double DeltaWeeks(double start, double end) => ((end - start) / (UtcCalendar.MillisPerDay * 7)) + 1;

    private static double WeekInYear(UtcCalendar date)
    {
        var startOfWeek1 = StartOfFirstWeek(date.Year, 0);
        var today = UtcCalendar.ToMillis(date.Year, date.Month - 1, date.Day);
        var week = DeltaWeeks(startOfWeek1, today);
        if (week > 52)
        {
            if (today >= StartOfFirstWeek(date.Year + 1, 0))
            {
                week = 1;
            }
        }
        else if (week < 1)
        {
            week = DeltaWeeks(StartOfFirstWeek(date.Year - 1, 0), today);
        }

        return Math.Floor(week);
    }

    private static double WeekInMonth(UtcCalendar date)
    {
        var month = date.Month - 1;
        var startOfWeek1 = StartOfFirstWeek(date.Year, month);
        var today = UtcCalendar.ToMillis(date.Year, month, date.Day);
        var week = DeltaWeeks(startOfWeek1, today);
        if (week > 4)
        {
            var (ny, nm) = month == 11 ? (date.Year + 1, 0) : (date.Year, month + 1);
            if (today >= StartOfFirstWeek(ny, nm))
            {
                week = 1;
            }
        }
        else if (week < 1)
        {
            var (py, pm) = month == 0 ? (date.Year - 1, 11) : (date.Year, month - 1);
            week = DeltaWeeks(StartOfFirstWeek(py, pm), today);
        }

        return Math.Floor(week);
    }
}
