using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>An operator asks a stuck saga to run the failed undo again.</summary>
/// <param name="Node">The node whose undo failed.</param>
public sealed record RetryStuckUndo(string Node) : SagaMessage;
