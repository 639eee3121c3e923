namespace OrleansSagas.Worker;

/// <summary>
/// Runs the tasks of one activity. The worker resolves a handler from a fresh service scope per task, reads the task's
/// input as <typeparamref name="TInput"/> and reports the returned <typeparamref name="TOutput"/> as the task's output
/// (both through <see cref="SagaWorkerOptions.SerializerOptions"/>). Use <see cref="System.Text.Json.JsonElement"/> for
/// either to handle raw JSON.
/// </summary>
/// <remarks>
/// A task may run more than once (a worker dies, a heartbeat is missed, the saga retries), so a handler must be
/// idempotent; <see cref="ActivityContext.TaskToken"/> identifies the attempt, not the work. Throw
/// <see cref="ActivityFailedException"/> to fail the task with a named error; any other exception fails it with the
/// exception's type name as error and its message as cause.
/// </remarks>
/// <typeparam name="TInput">The task input.</typeparam>
/// <typeparam name="TOutput">The task output.</typeparam>
public interface IActivityHandler<in TInput, TOutput>
{
    /// <summary>Runs one task and returns its output. Stop early when <see cref="ActivityContext.CancellationToken"/> fires: the task is no longer this worker's.</summary>
    Task<TOutput> HandleAsync(TInput input, ActivityContext context);
}
