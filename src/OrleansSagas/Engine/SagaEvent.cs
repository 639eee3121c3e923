using System.Text.Json.Serialization;
using OrleansSagas.Engine.Events;

namespace OrleansSagas.Engine;

/// <summary>
/// A fact recorded in a saga's log. The log is the truth: a saga's state is the fold of its events,
/// so replaying any prefix of the log rebuilds the state at that point. Serialized as JSON
/// (<see cref="SagaJson.Options"/>) with a "type" discriminator naming the concrete event.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionScheduled), "ActionScheduled")]
[JsonDerivedType(typeof(HeartbeatRecorded), "HeartbeatRecorded")]
[JsonDerivedType(typeof(ChildSagaStarted), "ChildSagaStarted")]
[JsonDerivedType(typeof(DelayStarted), "DelayStarted")]
[JsonDerivedType(typeof(NodeAbandoned), "NodeAbandoned")]
[JsonDerivedType(typeof(NodeFailed), "NodeFailed")]
[JsonDerivedType(typeof(NodeSucceeded), "NodeSucceeded")]
[JsonDerivedType(typeof(NodeUndone), "NodeUndone")]
[JsonDerivedType(typeof(RetryScheduled), "RetryScheduled")]
[JsonDerivedType(typeof(SagaFinished), "SagaFinished")]
[JsonDerivedType(typeof(SagaStarted), "SagaStarted")]
[JsonDerivedType(typeof(SagaStuck), "SagaStuck")]
[JsonDerivedType(typeof(SignalBuffered), "SignalBuffered")]
[JsonDerivedType(typeof(SignalConsumed), "SignalConsumed")]
[JsonDerivedType(typeof(SignalWaitStarted), "SignalWaitStarted")]
[JsonDerivedType(typeof(StuckUndoRetried), "StuckUndoRetried")]
[JsonDerivedType(typeof(StuckUndoSkipped), "StuckUndoSkipped")]
[JsonDerivedType(typeof(UndoGaveUp), "UndoGaveUp")]
[JsonDerivedType(typeof(UndoRetryScheduled), "UndoRetryScheduled")]
[JsonDerivedType(typeof(UndoScheduled), "UndoScheduled")]
[JsonDerivedType(typeof(UnwindStarted), "UnwindStarted")]
public abstract record SagaEvent
{
    /// <summary>When the decision that recorded the event was made.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
