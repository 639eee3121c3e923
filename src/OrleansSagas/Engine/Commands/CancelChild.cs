using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>Cancel a running child saga.</summary>
/// <param name="Node">The parent node.</param>
/// <param name="ChildId">The child saga id.</param>
public sealed record CancelChild(string Node, string ChildId) : SagaCommand;
