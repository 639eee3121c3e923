using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>A child saga reached a terminal status.</summary>
/// <param name="Node">The parent node that started the child.</param>
/// <param name="ChildId">The child saga id.</param>
/// <param name="Status">The child terminal status.</param>
/// <param name="Output">The child output when it succeeded.</param>
/// <param name="Error">Why the child did not succeed.</param>
public sealed record ChildCompleted(string Node, string ChildId, SagaStatus Status, JsonElement? Output, SagaError? Error) : SagaMessage;
