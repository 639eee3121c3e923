namespace OrleansSagas.Definitions;

/// <summary>
/// The undo (compensation) of a saga step: reverses what the action did. Runs at least once when the saga
/// unwinds after the action succeeded (or may have run); must be idempotent.
/// </summary>
/// <typeparam name="TInput">The step's input.</typeparam>
/// <typeparam name="TOutput">What the action returned.</typeparam>
public interface ISagaUndo<in TInput, in TOutput>
{
    /// <summary>Reverses the action.</summary>
    /// <param name="input">The step input the action received.</param>
    /// <param name="actionOutput">What the action returned.</param>
    /// <param name="context">The saga id, step name, attempt, idempotency key and cancellation.</param>
    Task UndoAsync(TInput input, TOutput actionOutput, StepContext context);
}
