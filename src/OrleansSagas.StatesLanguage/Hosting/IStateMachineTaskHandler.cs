using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>
/// Runs a state machine Task whose Resource is "handler:&lt;name&gt;". Register implementations with
/// <see cref="StatesLanguageBuilderExtensions.AddTaskHandler{THandler}"/>. Tasks run at least once: be idempotent,
/// keyed by <see cref="StepContext.IdempotencyKey"/>.
/// </summary>
public interface IStateMachineTaskHandler
{
    /// <summary>Runs the task.</summary>
    /// <param name="input">The effective task input (after InputPath and Parameters).</param>
    /// <param name="context">The execution id, state name, attempt, idempotency key and cancellation.</param>
    /// <returns>The task result (before ResultSelector and ResultPath). Throw <see cref="StepFailedException"/> to fail with a named error.</returns>
    Task<JsonElement> InvokeAsync(JsonElement input, StepContext context);
}
