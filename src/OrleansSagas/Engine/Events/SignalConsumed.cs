using System.Text.Json;

namespace OrleansSagas.Engine.Events;

/// <summary>A waiting signal node received its signal and succeeded with the payload as its output.</summary>
/// <param name="Node">The signal node.</param>
/// <param name="Attempt">The attempt that was waiting.</param>
/// <param name="SignalName">The signal name.</param>
/// <param name="Payload">The signal payload, which becomes the node output.</param>
/// <param name="FromBuffer">True when the signal had been buffered before the node became active (the oldest buffered one is removed).</param>
public sealed record SignalConsumed(string Node, int Attempt, string SignalName, JsonElement Payload, bool FromBuffer) : SagaEvent;
