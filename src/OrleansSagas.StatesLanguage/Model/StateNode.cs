using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Choice;

namespace OrleansSagas.StatesLanguage.Model;

/// <summary>
/// One parsed state. A single class carries the fields of every type (only those allowed for <see cref="Type"/> are
/// set); the validator has already rejected fields that do not belong.
/// </summary>
internal sealed record StateNode
{
    public required string Name { get; init; }

    public required StateType Type { get; init; }

    public QueryLanguage QueryLanguage { get; init; }

    public string? Next { get; init; }

    public bool End { get; init; }

    public string? InputPath { get; init; }

    public bool InputPathIsNull { get; init; }

    public string? OutputPath { get; init; }

    public bool OutputPathIsNull { get; init; }

    public string? ResultPath { get; init; }

    public bool ResultPathIsNull { get; init; }

    public bool HasParameters { get; init; }

    public JsonNode? Parameters { get; init; }

    public JsonNode? ResultSelector { get; init; }

    public bool HasResult { get; init; }

    public JsonNode? Result { get; init; }

    public JsonObject? Assign { get; init; }

    public IReadOnlyList<RetrierDefinition> Retry { get; init; } = [];

    public IReadOnlyList<CatcherDefinition> Catch { get; init; } = [];

    // Task
    public string? Resource { get; init; }

    public int? TimeoutSeconds { get; init; }

    public string? TimeoutSecondsPath { get; init; }

    public int? HeartbeatSeconds { get; init; }

    public string? HeartbeatSecondsPath { get; init; }

    // Choice
    public IReadOnlyList<ChoiceRule> Choices { get; init; } = [];

    public string? Default { get; init; }

    // Wait
    public long? Seconds { get; init; }

    public string? SecondsPath { get; init; }

    public string? Timestamp { get; init; }

    public string? TimestampPath { get; init; }

    // Fail
    public string? Error { get; init; }

    public string? ErrorPath { get; init; }

    public string? Cause { get; init; }

    public string? CausePath { get; init; }

    // Parallel
    public IReadOnlyList<StatesBlock> Branches { get; init; } = [];

    // Map
    public StatesBlock? ItemProcessor { get; init; }

    public string? ItemsPath { get; init; }

    /// <summary>ItemSelector, or the older Parameters of a Map state.</summary>
    public JsonNode? ItemSelector { get; init; }

    public bool HasItemSelector { get; init; }

    public int? MaxConcurrency { get; init; }

    public string? MaxConcurrencyPath { get; init; }

    public int? ToleratedFailureCount { get; init; }

    public string? ToleratedFailureCountPath { get; init; }

    public double? ToleratedFailurePercentage { get; init; }

    public string? ToleratedFailurePercentagePath { get; init; }

    public string? Label { get; init; }

    /// <summary>
    /// JSONata states: the state's JSON as written, from which the evaluator reads Arguments, Output, Items,
    /// Seconds and the other fields that may hold "{% … %}" templates.
    /// </summary>
    public JsonObject? Raw { get; init; }

    /// <summary>True for Succeed and Fail states and for states with End: true.</summary>
    public bool IsTerminal => End || Type is StateType.Succeed or StateType.Fail;

    /// <summary>Every state this one can move to (Next, Default, choice and catch targets).</summary>
    public IEnumerable<string> Transitions()
    {
        if (Next is not null)
        {
            yield return Next;
        }

        if (Default is not null)
        {
            yield return Default;
        }

        foreach (var rule in Choices)
        {
            if (rule.Next is not null)
            {
                yield return rule.Next;
            }
        }

        foreach (var catcher in Catch)
        {
            yield return catcher.Next;
        }
    }
}
