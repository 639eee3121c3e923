using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>An attempt of a node's undo threw.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The undo attempt number that failed.</param>
/// <param name="Error">The error name and cause.</param>
public sealed record UndoFailed(string Node, int Attempt, SagaError Error) : SagaMessage;
