namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>Proleptic Gregorian UTC arithmetic on epoch milliseconds (like JavaScript's Date.UTC and getUTC*).</summary>
internal readonly record struct UtcCalendar(long Year, int Month, int Day, int Hour, int Minute, int Second, int Millisecond, int DayOfWeek)
{
    public const long MillisPerDay = 86_400_000;

    public static UtcCalendar FromMillis(double millis)
    {
        var ms = (long)Math.Floor(millis);
        var days = FloorDiv(ms, MillisPerDay);
        var rest = ms - (days * MillisPerDay);
        var (y, m, d) = CivilFromDays(days);
        var dow = (int)(((days % 7) + 11) % 7);
        return new UtcCalendar(y, m, d, (int)(rest / 3_600_000), (int)(rest / 60_000 % 60), (int)(rest / 1000 % 60), (int)(rest % 1000), dow);
    }

    /// <summary>Date.UTC: month is zero-based and every field may overflow into the next.</summary>
    public static double ToMillis(double year, double month, double day = 1, double hour = 0, double minute = 0, double second = 0, double millis = 0)
    {
        var y = year + Math.Floor(month / 12);
        var m = ((month % 12) + 12) % 12;
        var days = DaysFromCivil((long)y, (int)m + 1, 1) + (day - 1);
        return (days * MillisPerDay) + (hour * 3_600_000) + (minute * 60_000) + (second * 1000) + millis;
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    private static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = FloorDiv(y, 400);
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    private static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719468;
        var era = FloorDiv(z, 146097);
        var doe = z - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }
}
