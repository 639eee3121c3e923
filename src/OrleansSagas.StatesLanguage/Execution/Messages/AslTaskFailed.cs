namespace OrleansSagas.StatesLanguage.Execution.Messages;

/// <summary>The host reports that a task failed with an error name (matched by Retry/Catch) and a cause.</summary>
/// <param name="TaskId">The id from the InvokeTask effect.</param>
/// <param name="Error">The error name, e.g. "Payment.Declined" or "States.TaskFailed".</param>
/// <param name="Cause">A human-readable cause.</param>
public sealed record AslTaskFailed(string TaskId, string? Error, string? Cause) : AslMessage;
