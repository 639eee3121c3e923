using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>Remove a durable timer that is no longer needed.</summary>
/// <param name="TimerId">The timer id.</param>
public sealed record DisarmTimer(string TimerId) : SagaCommand;
