using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>An operator declares a failed undo done by hand, letting the unwinding continue.</summary>
/// <param name="Node">The node whose undo failed.</param>
public sealed record SkipStuckUndo(string Node) : SagaMessage;
