namespace OrleansSagas.StatesLanguage.Execution.Effects;

/// <summary>A task is no longer wanted (timed out, its branch failed, or the execution ended); stop it if possible.</summary>
/// <param name="TaskId">The id from the InvokeTask effect.</param>
public sealed record AslCancelTask(string TaskId) : AslEffect;
