using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Events;

/// <summary>The saga reached a terminal status (Succeeded, Compensated, Cancelled or TimedOut).</summary>
/// <param name="Status">The terminal status.</param>
/// <param name="Output">The output when succeeded.</param>
/// <param name="Error">Why it did not succeed.</param>
public sealed record SagaFinished(SagaStatus Status, JsonElement? Output, SagaError? Error) : SagaEvent;
