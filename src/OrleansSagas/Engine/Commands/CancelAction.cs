using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>Fire the cancellation token of an in-flight action or undo.</summary>
/// <param name="Node">The step name.</param>
public sealed record CancelAction(string Node) : SagaCommand;
