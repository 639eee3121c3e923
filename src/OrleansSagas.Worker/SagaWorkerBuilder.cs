using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSagas.Worker.Internal;

namespace OrleansSagas.Worker;

/// <summary>Declares the activities a saga worker runs. Returned by <see cref="SagaWorkerServiceCollectionExtensions.AddOrleansSagasWorker"/>.</summary>
public sealed class SagaWorkerBuilder
{
    /// <summary>The longest activity name the server accepts.</summary>
    public const int MaxActivityNameLength = 80;

    internal SagaWorkerBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the worker is registered in (to register what handlers depend on).</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Runs the tasks of activity <paramref name="name"/> with <typeparamref name="THandler"/>, which must implement
    /// <see cref="IActivityHandler{TInput, TOutput}"/> exactly once. The handler is registered as transient (unless already
    /// registered) and resolved from a fresh scope per task.
    /// </summary>
    /// <example><code>worker.AddActivity&lt;ChargeCardHandler&gt;("charge-card", a => a.MaxConcurrency = 4);</code></example>
    /// <exception cref="ArgumentException">The name is empty, too long or already added, the handler implements the interface not exactly once, or a setting is out of range.</exception>
    public SagaWorkerBuilder AddActivity<THandler>(string name, Action<ActivityOptions>? configure = null)
        where THandler : class
    {
        var handlerInterfaces = typeof(THandler).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IActivityHandler<,>))
            .ToList();
        if (handlerInterfaces.Count != 1)
            throw new ArgumentException($"{typeof(THandler).Name} must implement IActivityHandler<TInput, TOutput> exactly once (it implements it {handlerInterfaces.Count} times).", nameof(THandler));
        var types = handlerInterfaces[0].GetGenericArguments();
        var invoker = (IActivityInvoker)Activator.CreateInstance(typeof(HandlerInvoker<,,>).MakeGenericType(typeof(THandler), types[0], types[1]))!;
        Add(name, configure, invoker);
        Services.TryAddTransient<THandler>();
        return this;
    }

    /// <summary>
    /// Runs the tasks of activity <paramref name="name"/> with <paramref name="handler"/>, which gets the raw JSON input and
    /// returns the raw JSON output.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, too long or already added, or a setting is out of range.</exception>
    public SagaWorkerBuilder AddActivity(string name, Func<JsonElement, ActivityContext, Task<JsonElement>> handler, Action<ActivityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(name, configure, new DelegateInvoker(handler));
        return this;
    }

    private void Add(string name, Action<ActivityOptions>? configure, IActivityInvoker invoker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxActivityNameLength)
            throw new ArgumentException($"The activity name must be at most {MaxActivityNameLength} characters (was {name.Length}).", nameof(name));
        if (Services.Any(d => d.ServiceType == typeof(ActivityRegistration) && d.ImplementationInstance is ActivityRegistration r && r.Name == name))
            throw new ArgumentException($"The activity '{name}' is already added to this worker.", nameof(name));
        var options = new ActivityOptions();
        configure?.Invoke(options);
        options.Validate();
        Services.AddSingleton(new ActivityRegistration(name, options, invoker));
    }
}
