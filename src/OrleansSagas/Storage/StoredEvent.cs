namespace OrleansSagas.Storage;

/// <summary>One event of a saga's log as stored: its position, type name, time and JSON body.</summary>
/// <param name="Sequence">Position in the log, starting at 1; the saga's version is the sequence of its last event.</param>
/// <param name="Type">The event type name (e.g. "StepSucceeded", or a Step Functions name like "TaskScheduled").</param>
/// <param name="Timestamp">When the event was recorded.</param>
/// <param name="Data">The event as JSON text.</param>
public sealed record StoredEvent(long Sequence, string Type, DateTimeOffset Timestamp, string Data);
