using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>MapStateStarted/Succeeded/Failed and ParallelStateStarted/Succeeded/Failed.</summary>
public sealed record StateLifecycleEvent : AslHistoryEvent
{
    /// <summary>The execution path running the Map or Parallel state.</summary>
    public required string FrameId { get; init; }

    /// <summary>The state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>ParallelStateStarted: the input given to every branch. MapStateStarted: the state's effective input ($ of ItemSelector).</summary>
    public JsonNode? Input { get; init; }

    /// <summary>MapStateStarted: the items to iterate over.</summary>
    public JsonArray? Items { get; init; }

    /// <summary>Number of branches or items.</summary>
    public int Length { get; init; }

    /// <summary>MapStateStarted: effective MaxConcurrency (0 = unlimited).</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>MapStateStarted: effective ToleratedFailureCount, if any.</summary>
    public int? ToleratedFailureCount { get; init; }

    /// <summary>MapStateStarted: effective ToleratedFailurePercentage, if any.</summary>
    public double? ToleratedFailurePercentage { get; init; }

    /// <summary>…Failed: the error name.</summary>
    public string? Error { get; init; }

    /// <summary>…Failed: the cause.</summary>
    public string? Cause { get; init; }

    /// <summary>…Failed with a matching retrier: the timer after which the state runs again.</summary>
    public string? RetryTimerId { get; init; }

    /// <summary>When the retry is due.</summary>
    public DateTimeOffset? RetryDueAt { get; init; }
}
