using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>
/// The state of one execution: the fold of its history events (<see cref="AslInterpreter.Apply"/>). Serializable with
/// System.Text.Json so it can be snapshotted; a snapshot plus the events after it rebuilds the same state.
/// </summary>
public sealed class AslExecutionState
{
    /// <summary>The state before ExecutionStarted.</summary>
    public static AslExecutionState Empty => new();

    /// <summary>Where the execution stands.</summary>
    [JsonInclude]
    public AslExecutionStatus Status { get; internal set; }

    /// <summary>The id of the last event folded in (0 before ExecutionStarted).</summary>
    [JsonInclude]
    public long LastEventId { get; internal set; }

    /// <summary>The execution id given at start.</summary>
    [JsonInclude]
    public string? ExecutionId { get; internal set; }

    /// <summary>The output once Succeeded.</summary>
    [JsonInclude]
    public JsonNode? Output { get; internal set; }

    /// <summary>The error once Failed, TimedOut or Aborted.</summary>
    [JsonInclude]
    public string? Error { get; internal set; }

    /// <summary>The cause once Failed, TimedOut or Aborted.</summary>
    [JsonInclude]
    public string? Cause { get; internal set; }

    /// <summary>Ids of the tasks the host is running for this execution.</summary>
    [JsonIgnore]
    public IReadOnlyCollection<string> PendingTaskIds => Tasks.Keys;

    /// <summary>Ids of the armed timers with their due times.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, DateTimeOffset> PendingTimers => Timers.ToDictionary(t => t.Key, t => t.Value.DueAt, StringComparer.Ordinal);

    // Sorted collections keep snapshots byte-identical however the state was reached (live decisions or replay).
    [JsonInclude]
    internal string ExecutionName { get; set; } = string.Empty;

    [JsonInclude]
    internal string StateMachineId { get; set; } = string.Empty;

    [JsonInclude]
    internal string StateMachineName { get; set; } = string.Empty;

    [JsonInclude]
    internal string? RoleArn { get; set; }

    [JsonInclude]
    internal JsonNode? Input { get; set; }

    [JsonInclude]
    internal DateTimeOffset StartTime { get; set; }

    [JsonInclude]
    internal DateTimeOffset LastEventTime { get; set; }

    [JsonInclude]
    internal long NextFrameSequence { get; set; }

    // Reading fills these ordinal-ordered instances (a fresh SortedDictionary would order keys by the current culture).
    [JsonInclude]
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    internal SortedDictionary<string, FrameState> Frames { get; set; } = new(StringComparer.Ordinal);

    [JsonInclude]
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    internal SortedDictionary<string, TimerState> Timers { get; set; } = new(StringComparer.Ordinal);

    [JsonInclude]
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    internal SortedDictionary<string, TaskState> Tasks { get; set; } = new(StringComparer.Ordinal);

    // Enums are written by name so a stored snapshot cannot be misread after an enum changes; numbers still read.
    private static readonly JsonSerializerOptions SnapshotOptions = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Serializes the state (for snapshots).</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, SnapshotOptions);

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>.</summary>
    /// <param name="json">JSON text.</param>
    /// <returns>The state.</returns>
    public static AslExecutionState FromJson(string json) =>
        JsonSerializer.Deserialize<AslExecutionState>(json, SnapshotOptions) ?? throw new JsonException("Empty execution state.");

    internal AslExecutionState Clone() => FromJson(ToJson());
}
