using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>Ask a succeeded child saga to undo everything it did; its outcome is reported back.</summary>
/// <param name="Node">The parent node.</param>
/// <param name="ChildId">The child saga id.</param>
public sealed record CompensateChild(string Node, string ChildId) : SagaCommand;
