using System.Text.Json;

namespace OrleansSagas.Engine.Events;

/// <summary>A signal arrived before any node was waiting for it; it is kept until a signal node with that name becomes active.</summary>
/// <param name="SignalName">The signal name.</param>
/// <param name="Payload">The signal payload.</param>
public sealed record SignalBuffered(string SignalName, JsonElement Payload) : SagaEvent;
