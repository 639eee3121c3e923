using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>Start a child saga (idempotent by child id) and report its outcome back to this saga.</summary>
/// <param name="Node">The parent node.</param>
/// <param name="ChildId">The child saga id, derived from the parent id and node.</param>
/// <param name="Definition">The child definition name.</param>
/// <param name="Input">The child input.</param>
public sealed record StartChild(string Node, string ChildId, string Definition, JsonElement Input) : SagaCommand;
