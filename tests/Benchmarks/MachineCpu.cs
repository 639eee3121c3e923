namespace OrleansSagas.Benchmarks;

/// <summary>Whole-machine CPU counters from /proc/stat, as the peers' load generator reads them.</summary>
internal static class MachineCpu
{
    public static (long Busy, long Total) Read()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f.Length > 7 ? f[7] : 0);
            return (busy, busy + f[3] + f[4]);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return (0, 0);
        }
    }

    public static double BusyPercent((long Busy, long Total) before, (long Busy, long Total) after) =>
        after.Total == before.Total ? double.NaN : 100.0 * (after.Busy - before.Busy) / (after.Total - before.Total);
}
