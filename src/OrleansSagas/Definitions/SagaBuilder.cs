namespace OrleansSagas.Definitions;

/// <summary>
/// Builds a <see cref="SagaGraph"/> in C#: steps with undos, any DAG of dependencies, constants, durable
/// waits, signals and child sagas. <see cref="Build"/> validates once and reports every problem by node.
/// </summary>
/// <example><code>
/// var graph = new SagaBuilder("travel-booking")
///     .Step&lt;ProcessPayment&gt;("process-payment", n => n.WithUndo&lt;RefundPayment&gt;())
///     .Step&lt;BookFlight&gt;("book-flight", n => n.After("process-payment").WithUndo&lt;CancelFlight&gt;())
///     .Build();
/// </code></example>
public sealed class SagaBuilder
{
    private readonly string _name;
    private readonly int _version;
    private readonly List<(SagaNode Node, NodeOptions Options)> _nodes = [];
    private readonly List<DefinitionProblem> _problems = [];
    private TimeSpan? _timeout;
    private string? _outputFrom;

    /// <summary>Starts a definition named <paramref name="name"/> at <paramref name="version"/> (default 1).</summary>
    public SagaBuilder(string name, int version = 1)
    {
        _name = name;
        _version = version;
    }

    /// <summary>Adds a step whose action is <typeparamref name="THandler"/> (an <see cref="ISagaStep{TInput,TOutput}"/>).</summary>
    public SagaBuilder Step<THandler>(string name, Action<NodeOptions>? configure = null) where THandler : class
    {
        StepHandler? action = null;
        try
        {
            action = StepHandlerFactory.ForAction(typeof(THandler));
        }
        catch (ArgumentException e)
        {
            _problems.Add(new DefinitionProblem(name, e.Message));
        }
        var options = Configure(configure);
        if (action is not null)
            Add(new StepNode { Name = name, Action = action, Undo = options.Undo, UndoRetry = new RetryPolicy { Retriers = [.. options.UndoRetriers] }, InputFrom = options.Input }, options);
        return this;
    }

    /// <summary>
    /// Adds a step run by external workers: each attempt goes on the task queue of <paramref name="activity"/>, a worker
    /// polls it (over HTTP or by grain call), and the attempt ends when the worker sends success or failure with the task token.
    /// Give it <see cref="NodeOptions.Heartbeat"/> and <see cref="NodeOptions.Timeout"/> so a vanished worker fails the attempt.
    /// </summary>
    public SagaBuilder Activity(string name, string activity, Action<NodeOptions>? configure = null)
    {
        if (ActivityNames.Problem(activity) is { } problem) _problems.Add(new DefinitionProblem(name, problem));
        var options = Configure(configure);
        if (options.WaitsForTaskToken) _problems.Add(new DefinitionProblem(name, "An activity step already completes by task token; WaitForTaskToken applies to handler steps."));
        return Add(new StepNode { Name = name, Activity = activity, Undo = options.Undo, UndoRetry = new RetryPolicy { Retriers = [.. options.UndoRetriers] }, InputFrom = options.Input }, options);
    }

    /// <summary>Adds a node whose output is the constant <paramref name="value"/>.</summary>
    public SagaBuilder Constant<T>(string name, T value, Action<NodeOptions>? configure = null) =>
        Add(new ConstantNode { Name = name, Value = SagaJson.ToElement(value) }, Configure(configure));

    /// <summary>Adds a durable wait of <paramref name="delay"/>, measured from when the node becomes ready.</summary>
    public SagaBuilder Delay(string name, TimeSpan delay, Action<NodeOptions>? configure = null)
    {
        if (delay < TimeSpan.Zero) _problems.Add(new DefinitionProblem(name, "The delay must not be negative."));
        return Add(new DelayNode { Name = name, Delay = delay }, Configure(configure));
    }

    /// <summary>Adds a durable wait whose length in seconds is read from the saga input property <paramref name="inputProperty"/> (0 when absent).</summary>
    public SagaBuilder DelayFromInput(string name, string inputProperty, Action<NodeOptions>? configure = null) =>
        Add(new DelayNode { Name = name, DelaySecondsFromInput = inputProperty }, Configure(configure));

    /// <summary>Adds a durable wait until the instant <paramref name="until"/>.</summary>
    public SagaBuilder WaitUntil(string name, DateTimeOffset until, Action<NodeOptions>? configure = null) =>
        Add(new DelayNode { Name = name, Until = until }, Configure(configure));

    /// <summary>Adds a wait for the signal <paramref name="signalName"/>, failing with <see cref="SagaErrors.Timeout"/> after <paramref name="timeout"/> if given.</summary>
    public SagaBuilder WaitForSignal(string name, string signalName, TimeSpan? timeout = null, Action<NodeOptions>? configure = null)
    {
        if (string.IsNullOrWhiteSpace(signalName)) _problems.Add(new DefinitionProblem(name, "The signal name must not be empty."));
        if (timeout < TimeSpan.Zero) _problems.Add(new DefinitionProblem(name, "The signal timeout must not be negative."));
        return Add(new SignalNode { Name = name, SignalName = signalName, WaitTimeout = timeout }, Configure(configure));
    }

    /// <summary>Adds a child saga of definition <paramref name="definition"/>; the parent awaits its outcome.</summary>
    public SagaBuilder ChildSaga(string name, string definition, Action<NodeOptions>? configure = null)
    {
        if (string.IsNullOrWhiteSpace(definition)) _problems.Add(new DefinitionProblem(name, "The child definition name must not be empty."));
        var options = Configure(configure);
        return Add(new ChildSagaNode { Name = name, Definition = definition, InputFrom = options.Input }, options);
    }

    /// <summary>Unwinds the whole saga with outcome TimedOut if it has not finished within <paramref name="timeout"/>.</summary>
    public SagaBuilder Timeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) _problems.Add(new DefinitionProblem(_name, "The saga timeout must be positive."));
        _timeout = timeout;
        return this;
    }

    /// <summary>Makes the output of <paramref name="node"/> the saga's output (default: an object of every leaf's output).</summary>
    public SagaBuilder OutputFrom(string node)
    {
        _outputFrom = node;
        return this;
    }

    /// <summary>Validates the definition and returns its immutable graph.</summary>
    /// <exception cref="SagaDefinitionException">The definition has problems; all of them are listed.</exception>
    public SagaGraph Build()
    {
        var nodes = _nodes.Select(n =>
        {
            var node = n.Node is StepNode step
                ? step with { Heartbeat = n.Options.HeartbeatTimeout, WaitsForTaskToken = step.WaitsForTaskToken || n.Options.WaitsForTaskToken }
                : n.Node;
            return node with
            {
                DependsOn = [.. n.Options.DependsOn.Distinct()],
                Reads = [.. n.Options.Reads.Distinct()],
                Retry = new RetryPolicy { Retriers = [.. n.Options.Retriers] },
                Timeout = n.Options.AttemptTimeout,
            };
        }).ToList();
        var problems = new List<DefinitionProblem>(_problems);
        problems.AddRange(_nodes.SelectMany(n => n.Options.Errors.Select(e => new DefinitionProblem(n.Node.Name, e))));
        problems.AddRange(_nodes.SelectMany(n => IgnoredOptions(n.Node, n.Options)));
        var ordered = SagaGraphValidator.Validate(_name, nodes, _outputFrom, problems);
        if (problems.Count > 0) throw new SagaDefinitionException(_name, problems);
        return new SagaGraph(_name, _version, ordered, _timeout, _outputFrom);
    }

    /// <summary>Options a node kind cannot honour are reported rather than silently dropped.</summary>
    private static IEnumerable<DefinitionProblem> IgnoredOptions(SagaNode node, NodeOptions options)
    {
        var kind = node.GetType().Name;
        if (node is not StepNode && options.Undo is not null)
            yield return new DefinitionProblem(node.Name, $"Only steps have an undo; a {kind} cannot take WithUndo.");
        if (node is not StepNode && options.UndoRetriers.Count > 0)
            yield return new DefinitionProblem(node.Name, $"Only steps have an undo; a {kind} cannot take RetryUndo.");
        if (node is not (StepNode or ChildSagaNode) && options.Input is not null)
            yield return new DefinitionProblem(node.Name, $"InputFrom applies to steps and child sagas, not to a {kind}.");
        if (node is not StepNode && options.HeartbeatTimeout is not null)
            yield return new DefinitionProblem(node.Name, $"Heartbeat applies to step attempts, not to a {kind}.");
        if (node is not StepNode && options.WaitsForTaskToken)
            yield return new DefinitionProblem(node.Name, $"WaitForTaskToken applies to handler steps, not to a {kind}.");
        if (node is not StepNode && options.AttemptTimeout is not null)
            yield return new DefinitionProblem(node.Name, node is SignalNode
                ? "Timeout applies to step attempts; give WaitForSignal a timeout instead."
                : $"Timeout applies to step attempts, not to a {kind}; use the saga timeout.");
    }

    private static NodeOptions Configure(Action<NodeOptions>? configure)
    {
        var options = new NodeOptions();
        configure?.Invoke(options);
        return options;
    }

    private SagaBuilder Add(SagaNode node, NodeOptions options)
    {
        _nodes.Add((node, options));
        return this;
    }
}
