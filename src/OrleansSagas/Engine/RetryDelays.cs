using System.Security.Cryptography;
using System.Text;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine;

/// <summary>
/// Retry waits with Amazon States Language semantics, computed without randomness: the full jitter is
/// drawn from a hash of (saga id, node, attempt), so replaying a saga always yields the same waits.
/// </summary>
internal static class RetryDelays
{
    /// <summary>No wait exceeds this, so a due time stays representable whatever the backoff.</summary>
    internal static readonly TimeSpan Ceiling = TimeSpan.FromDays(3650);

    /// <summary>The wait before retry number <paramref name="retryNumber"/> (1 for the first retry) of this retrier.</summary>
    /// <param name="retrier">The retrier that matched the failure.</param>
    /// <param name="sagaId">The saga id (jitter seed).</param>
    /// <param name="node">The node name, with "/undo" for undo retries (jitter seed).</param>
    /// <param name="attempt">The attempt about to run (jitter seed).</param>
    /// <param name="retryNumber">How many retries this retrier has granted, counting this one.</param>
    public static TimeSpan Compute(Retrier retrier, string sagaId, string node, int attempt, int retryNumber)
    {
        var ticks = retrier.Interval.Ticks * Math.Pow(retrier.BackoffRate, Math.Max(0, retryNumber - 1));
        var cap = Math.Min((retrier.MaxDelay ?? Ceiling).Ticks, Ceiling.Ticks);
        if (double.IsNaN(ticks) || ticks > cap) ticks = cap;
        if (retrier.FullJitter) ticks *= JitterFraction(sagaId, node, attempt);
        return TimeSpan.FromTicks((long)Math.Max(0, ticks));
    }

    /// <summary>A number in [0, 1] that is the same for the same saga, node and attempt.</summary>
    public static double JitterFraction(string sagaId, string node, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{sagaId}\n{node}\n{attempt}"));
        var bits = BitConverter.ToUInt64(hash, 0) >> 11;
        return bits / (double)((1UL << 53) - 1);
    }

    /// <summary>
    /// The index of the retrier that decides on <paramref name="error"/>: the first whose ErrorEquals names it,
    /// or holds States.ALL (which never matches Sagas.Cancelled); null when none matches.
    /// </summary>
    public static int? FindRetrier(RetryPolicy policy, SagaError error)
    {
        for (var i = 0; i < policy.Retriers.Count; i++)
        {
            foreach (var name in policy.Retriers[i].ErrorEquals)
            {
                if (name == error.Error) return i;
                if (name == SagaErrors.All && error.Error != SagaErrors.Cancelled) return i;
            }
        }
        return null;
    }
}
