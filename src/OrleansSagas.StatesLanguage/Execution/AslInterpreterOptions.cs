namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Options of <see cref="AslInterpreter"/>.</summary>
public sealed class AslInterpreterOptions
{
    /// <summary>Step Functions' payload limit: 256 KiB.</summary>
    public const int DefaultPayloadSizeLimitBytes = 256 * 1024;

    /// <summary>
    /// Largest state input/output, task parameters or task result in UTF-8 bytes (default 262144 = 256 KiB); a larger
    /// payload fails with States.DataLimitExceeded.
    /// </summary>
    public int PayloadSizeLimitBytes { get; init; } = DefaultPayloadSizeLimitBytes;

    /// <summary>
    /// Issues the task token of a ".waitForTaskToken" task from (execution name, task id, attempt); it becomes
    /// <c>$$.Task.Token</c>. Null for an unsigned token derived from the execution and the event id.
    /// </summary>
    public Func<string, string, int, string>? TaskTokenFactory { get; init; }
}
