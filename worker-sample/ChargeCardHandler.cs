using OrleansSagas.Worker;

namespace OrleansSagas.WorkerSample;

/// <summary>
/// Charges a card (pretends to): waits <see cref="ChargeRequest.SleepMs"/>, fails with <see cref="ChargeRequest.Fail"/>
/// when set, and prints one line per task start and end so scripts and tests can follow it.
/// </summary>
public sealed class ChargeCardHandler : IActivityHandler<ChargeRequest, ChargeResult>
{
    /// <inheritdoc />
    public async Task<ChargeResult> HandleAsync(ChargeRequest input, ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        Console.WriteLine($"task started {context.ActivityName} {context.TaskToken}");
        try
        {
            if (input.SleepMs > 0 && (input.SlowWorker is null || input.SlowWorker == context.WorkerName)) await Task.Delay(input.SleepMs, context.CancellationToken);
            if (input.Fail is { Length: > 0 } error) throw new ActivityFailedException(error, input.Cause ?? $"The card of {input.Customer} was not charged.");
            Console.WriteLine($"task succeeded {context.ActivityName} {context.TaskToken}");
            return new ChargeResult($"ch-{Guid.NewGuid():N}", input.Amount, context.WorkerName);
        }
        catch (Exception e) when (e is not ActivityFailedException)
        {
            Console.WriteLine($"task stopped {context.ActivityName} {context.TaskToken} {e.GetType().Name}");
            throw;
        }
        catch (ActivityFailedException e)
        {
            Console.WriteLine($"task failed {context.ActivityName} {context.TaskToken} {e.Error}");
            throw;
        }
    }
}
