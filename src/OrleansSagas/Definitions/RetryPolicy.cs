namespace OrleansSagas.Definitions;

/// <summary>An ordered list of <see cref="Retrier"/>s; the first whose errors match a failure decides.</summary>
public sealed record RetryPolicy
{
    /// <summary>No retries: the first failure is final.</summary>
    public static RetryPolicy None { get; } = new();

    /// <summary>The rules, in the order they are tried.</summary>
    public IReadOnlyList<Retrier> Retriers { get; init; } = [];
}
