namespace OrleansSagas.Definitions;

/// <summary>Configures one node while building a saga: dependencies, reads, retry, timeout and undo.</summary>
public sealed class NodeOptions
{
    internal List<string> DependsOn { get; } = [];
    internal List<string> Reads { get; } = [];
    internal List<Retrier> Retriers { get; } = [];
    internal List<Retrier> UndoRetriers { get; } = [];
    internal TimeSpan? AttemptTimeout { get; private set; }
    internal TimeSpan? HeartbeatTimeout { get; private set; }
    internal bool WaitsForTaskToken { get; private set; }
    internal string? Input { get; private set; }
    internal StepHandler? Undo { get; private set; }
    internal List<string> Errors { get; } = [];

    /// <summary>The node starts only after all <paramref name="nodes"/> have succeeded.</summary>
    public NodeOptions After(params string[] nodes)
    {
        DependsOn.AddRange(nodes);
        return this;
    }

    /// <summary>Declares that the node reads the outputs of <paramref name="nodes"/>; each must be an ancestor.</summary>
    public NodeOptions ReadsOutputOf(params string[] nodes)
    {
        Reads.AddRange(nodes);
        return this;
    }

    /// <summary>Takes the node's input from the output of <paramref name="node"/> (an ancestor) instead of the saga input.</summary>
    public NodeOptions InputFrom(string node)
    {
        Input = node;
        return this;
    }

    /// <summary>Adds a retrier; retriers are tried in the order added and the first matching one decides.</summary>
    public NodeOptions Retry(Retrier retrier)
    {
        Retriers.Add(retrier);
        return this;
    }

    /// <summary>Adds a retrier for the undo of a step.</summary>
    public NodeOptions RetryUndo(Retrier retrier)
    {
        UndoRetriers.Add(retrier);
        return this;
    }

    /// <summary>Fails an attempt that runs longer than <paramref name="timeout"/> with <see cref="SagaErrors.Timeout"/>.</summary>
    public NodeOptions Timeout(TimeSpan timeout)
    {
        AttemptTimeout = timeout;
        return this;
    }

    /// <summary>
    /// Fails an attempt with <see cref="SagaErrors.HeartbeatTimeout"/> when no heartbeat arrives for <paramref name="interval"/>
    /// (<see cref="StepContext.HeartbeatAsync"/> in the silo, or a worker's heartbeat for an activity); the attempt start counts as one.
    /// </summary>
    public NodeOptions Heartbeat(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) Errors.Add("The heartbeat interval must be positive.");
        HeartbeatTimeout = interval;
        return this;
    }

    /// <summary>
    /// Makes the step a callback: its handler hands out <see cref="StepContext.TaskToken"/> (to a person, a queue, another
    /// service) and its return value is ignored; the step then waits, durably, until success or failure is sent with the token.
    /// </summary>
    public NodeOptions WaitForTaskToken()
    {
        WaitsForTaskToken = true;
        return this;
    }

    /// <summary>Sets the undo of a step: <typeparamref name="TUndo"/> implements <see cref="ISagaUndo{TInput,TOutput}"/>.</summary>
    public NodeOptions WithUndo<TUndo>() where TUndo : class
    {
        try
        {
            Undo = StepHandlerFactory.ForUndo(typeof(TUndo));
        }
        catch (ArgumentException e)
        {
            Errors.Add(e.Message);
        }
        return this;
    }
}
