using OrleansSagas.Definitions;

namespace OrleansSagas.Tests.Runtime;

public sealed record TripInput(string Customer, int Amount, string? FailAt = null);

public sealed record StepResult(string Step, string Key);

/// <summary>An action that records itself, fails when the input names it, and returns its idempotency key.</summary>
internal sealed class RecordingStep(StepLog log) : ISagaStep<TripInput, StepResult>
{
    public Task<StepResult> ExecuteAsync(TripInput input, StepContext context)
    {
        log.Record(context.StepName, false, context.Attempt, context.IdempotencyKey);
        if (input.FailAt == context.StepName) throw new StepFailedException("Boom", $"{context.StepName} failed on purpose.");
        return Task.FromResult(new StepResult(context.StepName, context.IdempotencyKey));
    }
}

internal sealed class RecordingUndo(StepLog log) : ISagaUndo<TripInput, StepResult>
{
    public Task UndoAsync(TripInput input, StepResult actionOutput, StepContext context)
    {
        log.Record(context.StepName, true, context.Attempt, context.IdempotencyKey);
        Assert.Equal(context.StepName, actionOutput.Step);
        return Task.CompletedTask;
    }
}

/// <summary>An action that blocks until its gate opens or its token fires.</summary>
internal sealed class BlockingStep(StepLog log) : ISagaStep<TripInput, StepResult>
{
    public async Task<StepResult> ExecuteAsync(TripInput input, StepContext context)
    {
        log.Record(context.StepName, false, context.Attempt, context.IdempotencyKey);
        await log.Gate(context.StepName).Task.WaitAsync(context.CancellationToken);
        return new StepResult(context.StepName, context.IdempotencyKey);
    }
}
