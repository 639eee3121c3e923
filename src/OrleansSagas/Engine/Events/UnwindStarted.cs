using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Events;

/// <summary>The saga stopped going forward and began undoing what it did.</summary>
/// <param name="Outcome">The terminal status once everything is undone: Compensated, Cancelled or TimedOut.</param>
/// <param name="Cause">Why the saga unwinds: the failed step's error, the cancellation or the timeout.</param>
public sealed record UnwindStarted(SagaStatus Outcome, SagaError Cause) : SagaEvent;
