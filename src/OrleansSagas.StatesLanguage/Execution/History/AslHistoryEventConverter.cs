using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>Reads a history event by its "type" (the Step Functions event name); writes the concrete record.</summary>
internal sealed class AslHistoryEventConverter : JsonConverter<AslHistoryEvent>
{
    public override AslHistoryEvent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("A history event must be a JSON object.");
        var type = (string?)node["type"] ?? throw new JsonException("A history event needs a \"type\".");
        var clrType = ClrTypeOf(type) ?? throw new JsonException($"Unknown history event type '{type}'.");
        return (AslHistoryEvent?)node.Deserialize(clrType, options);
    }

    public override void Write(Utf8JsonWriter writer, AslHistoryEvent value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, value.GetType(), options);

    internal static Type? ClrTypeOf(string type) => type switch
    {
        "ExecutionStarted" => typeof(ExecutionStartedEvent),
        "ExecutionSucceeded" or "ExecutionFailed" or "ExecutionTimedOut" or "ExecutionAborted" => typeof(ExecutionEndedEvent),
        "TaskScheduled" => typeof(TaskScheduledEvent),
        "TaskStarted" or "TaskSucceeded" or "TaskFailed" or "TaskTimedOut" or "TaskHeartbeat" => typeof(TaskProgressEvent),
        "MapIterationStarted" or "MapIterationSucceeded" or "MapIterationFailed" => typeof(MapIterationEvent),
        _ when type.EndsWith("StateEntered", StringComparison.Ordinal) => typeof(StateEnteredEvent),
        _ when type.EndsWith("StateExited", StringComparison.Ordinal) => typeof(StateExitedEvent),
        "MapStateStarted" or "MapStateSucceeded" or "MapStateFailed"
            or "ParallelStateStarted" or "ParallelStateSucceeded" or "ParallelStateFailed" => typeof(StateLifecycleEvent),
        _ => null,
    };
}
