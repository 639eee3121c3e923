using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>Arm a durable timer (recorded in the same transaction as the decision's events).</summary>
/// <param name="TimerId">The timer id, unique within the saga.</param>
/// <param name="DueAt">When it fires.</param>
public sealed record ArmTimer(string TimerId, DateTimeOffset DueAt) : SagaCommand;
