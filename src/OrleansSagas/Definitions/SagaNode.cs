namespace OrleansSagas.Definitions;

/// <summary>A node of a <see cref="SagaGraph"/>: something the saga does once its dependencies have succeeded.</summary>
public abstract record SagaNode
{
    /// <summary>The unique name of the node within its saga.</summary>
    public required string Name { get; init; }

    /// <summary>Names of the nodes that must succeed before this one starts.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Names of ancestor nodes whose outputs this node reads (validated to be ancestors).</summary>
    public IReadOnlyList<string> Reads { get; init; } = [];

    /// <summary>How failed attempts are retried; empty means no retry.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    /// <summary>How long one attempt may run before it fails with <see cref="SagaErrors.Timeout"/>; null means no limit.</summary>
    public TimeSpan? Timeout { get; init; }
}
