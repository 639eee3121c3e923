using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>An attempt of a node's action returned.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The attempt number that completed.</param>
/// <param name="Output">What the action returned.</param>
public sealed record StepCompleted(string Node, int Attempt, JsonElement Output) : SagaMessage;
