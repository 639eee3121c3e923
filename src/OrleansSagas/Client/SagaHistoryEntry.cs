using System.Text.Json;

namespace OrleansSagas.Client;

/// <summary>One event of a saga's history.</summary>
/// <param name="Sequence">Its position in the log, from 1.</param>
/// <param name="Type">The event type (e.g. "StepSucceeded", or Step Functions names for state machines).</param>
/// <param name="Timestamp">When it was recorded.</param>
/// <param name="Data">The event's details.</param>
public sealed record SagaHistoryEntry(long Sequence, string Type, DateTimeOffset Timestamp, JsonElement Data);
