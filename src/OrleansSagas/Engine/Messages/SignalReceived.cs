using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>A named signal was sent to the saga.</summary>
/// <param name="Name">The signal name.</param>
/// <param name="Payload">The signal payload.</param>
public sealed record SignalReceived(string Name, JsonElement Payload) : SagaMessage;
