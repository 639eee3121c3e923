namespace OrleansSagas.Definitions;

/// <summary>
/// One retry rule with Amazon States Language semantics: which errors it matches, and how it waits
/// between attempts (interval × backoffRate^(n−1), capped by <see cref="MaxDelay"/>, optionally with full jitter).
/// </summary>
public sealed record Retrier
{
    /// <summary>Error names this rule matches; <see cref="SagaErrors.All"/> matches every error but <see cref="SagaErrors.Cancelled"/>.</summary>
    public IReadOnlyList<string> ErrorEquals { get; init; } = [SagaErrors.All];

    /// <summary>Wait before the first retry. Default 1 second.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after the first attempt; 0 means never retry. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Multiplier of the wait on each retry. Default 2.0; must be at least 1.</summary>
    public double BackoffRate { get; init; } = 2.0;

    /// <summary>Upper bound of one wait; null means unbounded.</summary>
    public TimeSpan? MaxDelay { get; init; }

    /// <summary>When true the wait is drawn uniformly from [0, computed delay] (deterministically per saga, step and attempt).</summary>
    public bool FullJitter { get; init; }
}
