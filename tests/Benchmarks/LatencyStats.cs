using System.Globalization;

namespace OrleansSagas.Benchmarks;

/// <summary>Percentiles of a set of latencies (nearest rank).</summary>
internal static class LatencyStats
{
    public static double Percentile(IReadOnlyList<double> sortedMilliseconds, double percentile)
    {
        if (sortedMilliseconds.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100 * sortedMilliseconds.Count);
        return sortedMilliseconds[Math.Clamp(rank - 1, 0, sortedMilliseconds.Count - 1)];
    }

    public static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
