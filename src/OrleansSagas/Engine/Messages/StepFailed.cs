using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>An attempt of a node's action threw.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The attempt number that failed.</param>
/// <param name="Error">The error name and cause.</param>
public sealed record StepFailed(string Node, int Attempt, SagaError Error) : SagaMessage;
