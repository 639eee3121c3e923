using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Retry back-off: IntervalSeconds × BackoffRate^(attempt−1), capped by MaxDelaySeconds, with optional full jitter.</summary>
internal static class RetryDelay
{
    /// <param name="retrier">The matching retrier.</param>
    /// <param name="attempt">1 for the first retry.</param>
    /// <param name="jitterSeed">Execution id + state + attempt, so jitter is the same on every replay.</param>
    public static TimeSpan Compute(RetrierDefinition retrier, int attempt, string jitterSeed)
    {
        var seconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, attempt - 1);
        if (retrier.MaxDelaySeconds is { } max)
        {
            seconds = Math.Min(seconds, max);
        }

        if (retrier.JitterStrategy == "FULL")
        {
            seconds *= DeterministicRandom.Fraction(jitterSeed);
        }

        // Keep whole milliseconds so the due time round-trips through JSON and storage unchanged.
        return TimeSpan.FromMilliseconds(Math.Round(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2) * 1000));
    }
}
