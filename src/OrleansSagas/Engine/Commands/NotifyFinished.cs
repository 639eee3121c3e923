using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>The saga reached a terminal status: wake waiters and tell the parent, if any.</summary>
/// <param name="Status">The terminal status.</param>
/// <param name="Output">The output when succeeded.</param>
/// <param name="Error">Why it did not succeed.</param>
public sealed record NotifyFinished(SagaStatus Status, JsonElement? Output, SagaError? Error) : SagaCommand;
