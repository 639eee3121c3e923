using OrleansSagas.Engine;
using OrleansSagas.StatesLanguage.Execution.History;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>A state machine history event (named as Step Functions names it) recorded in a saga's log.</summary>
/// <param name="Event">The history event.</param>
public sealed record AslSagaEvent(AslHistoryEvent Event) : SagaEvent;
