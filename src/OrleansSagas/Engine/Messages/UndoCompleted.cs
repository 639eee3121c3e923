using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>An attempt of a node's undo returned.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The undo attempt number that completed.</param>
public sealed record UndoCompleted(string Node, int Attempt) : SagaMessage;
