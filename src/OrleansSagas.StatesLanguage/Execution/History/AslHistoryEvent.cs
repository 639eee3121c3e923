using System.Text.Json.Serialization;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>
/// One entry of an execution's history, named and numbered as in AWS Step Functions (ExecutionStarted has id 1).
/// The execution state is the fold of these events (<see cref="AslInterpreter.Apply"/>), so they are the durable log.
/// Serializes with System.Text.Json; the "type" property (the Step Functions event name) selects the class.
/// </summary>
[JsonConverter(typeof(AslHistoryEventConverter))]
public abstract record AslHistoryEvent
{
    /// <summary>The Step Functions event type, e.g. "PassStateEntered" or "TaskScheduled".</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-10)]
    public required string Type { get; init; }

    /// <summary>1-based position in the history.</summary>
    [JsonPropertyOrder(-9)]
    public long Id { get; init; }

    /// <summary>The id of the event before this one (0 for the first).</summary>
    [JsonPropertyOrder(-8)]
    public long PreviousEventId { get; init; }

    /// <summary>The decision time at which the event was recorded.</summary>
    [JsonPropertyOrder(-7)]
    public DateTimeOffset Timestamp { get; init; }
}
