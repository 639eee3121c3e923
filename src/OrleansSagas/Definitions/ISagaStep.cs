namespace OrleansSagas.Definitions;

/// <summary>
/// The action of a saga step. Implementations are resolved from dependency injection for every attempt.
/// Actions run at least once: they must be idempotent, keyed by <see cref="StepContext.IdempotencyKey"/>.
/// </summary>
/// <typeparam name="TInput">The step's input (the saga input, or the output of the node named by InputFrom).</typeparam>
/// <typeparam name="TOutput">What the step returns; it becomes the step's output and is passed to the undo.</typeparam>
public interface ISagaStep<in TInput, TOutput>
{
    /// <summary>Does the work of the step.</summary>
    /// <param name="input">The step input.</param>
    /// <param name="context">The saga id, step name, attempt, idempotency key, ancestor outputs and cancellation.</param>
    /// <returns>The step's output.</returns>
    Task<TOutput> ExecuteAsync(TInput input, StepContext context);
}
