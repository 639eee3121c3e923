using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.Effects;

/// <summary>The execution reached its final outcome.</summary>
/// <param name="Status">Succeeded, Failed, TimedOut or Aborted.</param>
/// <param name="Output">The output when it succeeded.</param>
/// <param name="Error">The error name when it did not succeed.</param>
/// <param name="Cause">The cause when it did not succeed.</param>
public sealed record AslExecutionCompleted(AslExecutionStatus Status, JsonNode? Output, string? Error, string? Cause) : AslEffect;
