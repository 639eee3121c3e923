using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.Messages;

/// <summary>The host reports that a task (see <see cref="Effects.AslInvokeTask"/>) succeeded.</summary>
/// <param name="TaskId">The id from the InvokeTask effect.</param>
/// <param name="Output">The task result.</param>
public sealed record AslTaskSucceeded(string TaskId, JsonNode? Output) : AslMessage;
