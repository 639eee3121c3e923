namespace OrleansSagas.StatesLanguage.Execution.Messages;

/// <summary>Cancels (stops) a running execution; it ends as Aborted.</summary>
/// <param name="Error">Optional error recorded with the abort.</param>
/// <param name="Cause">Optional cause recorded with the abort.</param>
public sealed record AslStopExecution(string? Error = null, string? Cause = null) : AslMessage;
