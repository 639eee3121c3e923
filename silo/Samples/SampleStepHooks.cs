using Microsoft.Extensions.Options;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples;

/// <summary>
/// What every sample handler does first: records its invocation (for tests comparing idempotency keys across
/// restarts), holds when asked to (so a test can kill the node mid-step), and fails when asked to (to show a compensation).
/// </summary>
public sealed class SampleStepHooks(IOptions<SampleOptions> options, TimeProvider time)
{
    private static readonly Lock LogGate = new();

    /// <summary>The error name of a failure requested with failAt.</summary>
    public const string RequestedFailure = "RequestedFailure";

    /// <summary>Runs before the work of a step or undo.</summary>
    /// <param name="context">The invocation.</param>
    /// <param name="failAt">The step that must fail for good, if any.</param>
    /// <param name="holdAt">The step that must wait for its release file, if any.</param>
    public async Task BeforeAsync(StepContext context, string? failAt, string? holdAt)
    {
        Record(context);
        if (context.IsUndo) return;
        if (holdAt == context.StepName && options.Value.HoldDirectory is { } folder)
            await HoldAsync(Path.Combine(folder, $"{context.SagaId}.release"), context.CancellationToken).ConfigureAwait(false);
        if (failAt == context.StepName)
            throw new StepFailedException(RequestedFailure, $"Step '{context.StepName}' failed because the input asked for it (failAt).");
    }

    private void Record(StepContext context)
    {
        if (options.Value.StepLogPath is not { } path) return;
        lock (LogGate)
            File.AppendAllText(path, $"{context.IdempotencyKey} {context.Attempt}{Environment.NewLine}");
    }

    private async Task HoldAsync(string releaseFile, CancellationToken cancellationToken)
    {
        while (!File.Exists(releaseFile))
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
    }
}
