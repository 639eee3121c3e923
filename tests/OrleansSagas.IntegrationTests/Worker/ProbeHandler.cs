using OrleansSagas.Worker;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>The input of <see cref="ProbeHandler"/>: what to do (<see cref="Mode"/>) and with what.</summary>
public sealed record ProbeInput(int Id, string Mode = "echo", string? Error = null, string? Cause = null, string? Message = null);

/// <summary>The output of <see cref="ProbeHandler"/>.</summary>
public sealed record ProbeOutput(int Id, string WorkerName, string ActivityName, string TaskToken);

/// <summary>
/// A handler driven by its input: "echo" answers at once, "fail" throws ActivityFailedException, "throw" throws
/// InvalidOperationException, "block" waits for its gate (or cancellation), "manual-heartbeat" waits for its gate then
/// heartbeats by hand.
/// </summary>
public sealed class ProbeHandler(Probe probe) : IActivityHandler<ProbeInput, ProbeOutput>
{
    public async Task<ProbeOutput> HandleAsync(ProbeInput input, ActivityContext context)
    {
        probe.Enter(input.Id, context);
        try
        {
            switch (input.Mode)
            {
                case "fail":
                    throw new ActivityFailedException(input.Error!, input.Cause!);
                case "throw":
                    throw new InvalidOperationException(input.Message);
                case "block":
                    await probe.Gate(input.Id).Task.WaitAsync(context.CancellationToken);
                    break;
                case "manual-heartbeat":
                    await probe.Gate(input.Id).Task;
                    await context.HeartbeatAsync();
                    break;
            }
            return new ProbeOutput(input.Id, context.WorkerName, context.ActivityName, context.TaskToken);
        }
        catch (OperationCanceledException e) when (context.CancellationToken.IsCancellationRequested)
        {
            probe.Cancelled[input.Id] = e;
            throw;
        }
        finally
        {
            probe.Exit();
        }
    }
}
