namespace OrleansSagas.Definitions;

/// <summary>A durable wait: succeeds after a delay, or at a fixed instant, measured from when it becomes ready.</summary>
public sealed record DelayNode : SagaNode
{
    /// <summary>How long to wait once ready; ignored when <see cref="Until"/> is set.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The instant to wait for; null to wait for <see cref="Delay"/>.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The saga input property holding a number of seconds to wait, read when the node becomes ready; overrides <see cref="Delay"/> when present.</summary>
    public string? DelaySecondsFromInput { get; init; }
}
