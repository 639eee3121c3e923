using System.Text.Json;

namespace OrleansSagas.Definitions;

/// <summary>
/// A bound handler of a step's action or undo: the handler type resolved from DI and an invoker that
/// converts JSON to the handler's typed input and back. Created by <see cref="SagaBuilder"/>.
/// </summary>
public sealed class StepHandler
{
    internal StepHandler(Type handlerType, Type inputType, Type outputType, StepInvoker invoker)
    {
        HandlerType = handlerType;
        InputType = inputType;
        OutputType = outputType;
        Invoker = invoker;
    }

    /// <summary>The class that handles the step, resolved from the service provider on every invocation.</summary>
    public Type HandlerType { get; }

    /// <summary>The type the step input is deserialized to.</summary>
    public Type InputType { get; }

    /// <summary>The type the action returns (and the undo receives).</summary>
    public Type OutputType { get; }

    internal StepInvoker Invoker { get; }
}

/// <summary>Runs a handler: (services, input, output of the action for an undo, context) → output JSON.</summary>
internal delegate Task<JsonElement> StepInvoker(IServiceProvider services, JsonElement input, JsonElement? actionOutput, StepContext context);
