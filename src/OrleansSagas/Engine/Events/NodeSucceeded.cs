using System.Text.Json;

namespace OrleansSagas.Engine.Events;

/// <summary>A node succeeded: a step returned, a delay elapsed, a constant was produced or a child saga succeeded.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The attempt that succeeded.</param>
/// <param name="Output">The node output.</param>
public sealed record NodeSucceeded(string Node, int Attempt, JsonElement Output) : SagaEvent;
