using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>A durable timer of the saga came due.</summary>
/// <param name="TimerId">The id given when the timer was armed.</param>
public sealed record TimerFired(string TimerId) : SagaMessage;
