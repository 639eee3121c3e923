using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.History;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>The result of one decision: events to append durably, then effects to carry out, and the new state.</summary>
/// <param name="Events">New history events, to be stored before any effect runs.</param>
/// <param name="Effects">What the host must do (invoke tasks, arm/cancel timers, report the outcome).</param>
/// <param name="State">The state after folding <paramref name="Events"/> into the previous state.</param>
public sealed record AslDecision(IReadOnlyList<AslHistoryEvent> Events, IReadOnlyList<AslEffect> Effects, AslExecutionState State);
