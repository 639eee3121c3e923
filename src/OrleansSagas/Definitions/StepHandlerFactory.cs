using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansSagas.Definitions;

/// <summary>Builds <see cref="StepHandler"/>s for handler classes, converting JSON to typed input and output.</summary>
internal static class StepHandlerFactory
{
    public static StepHandler ForAction(Type handlerType)
    {
        var contract = FindInterface(handlerType, typeof(ISagaStep<,>));
        var args = contract.GetGenericArguments();
        var method = typeof(StepHandlerFactory).GetMethod(nameof(InvokeAction), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(handlerType, args[0], args[1]);
        return new StepHandler(handlerType, args[0], args[1], method.CreateDelegate<StepInvoker>());
    }

    public static StepHandler ForUndo(Type handlerType)
    {
        var contract = FindInterface(handlerType, typeof(ISagaUndo<,>));
        var args = contract.GetGenericArguments();
        var method = typeof(StepHandlerFactory).GetMethod(nameof(InvokeUndo), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(handlerType, args[0], args[1]);
        return new StepHandler(handlerType, args[0], args[1], method.CreateDelegate<StepInvoker>());
    }

    private static Type FindInterface(Type handlerType, Type open) =>
        handlerType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == open)
        ?? throw new ArgumentException($"{handlerType.Name} does not implement {open.Name.Split('`')[0]}<TInput, TOutput>.");

    private static async Task<JsonElement> InvokeAction<THandler, TInput, TOutput>(
        IServiceProvider services, JsonElement input, JsonElement? actionOutput, StepContext context)
        where THandler : ISagaStep<TInput, TOutput>
    {
        var handler = ActivatorUtilities.GetServiceOrCreateInstance<THandler>(services);
        var typedInput = input.Deserialize<TInput>(SagaJson.Options)!;
        var output = await handler.ExecuteAsync(typedInput, context).ConfigureAwait(false);
        return SagaJson.ToElement(output);
    }

    private static async Task<JsonElement> InvokeUndo<THandler, TInput, TOutput>(
        IServiceProvider services, JsonElement input, JsonElement? actionOutput, StepContext context)
        where THandler : ISagaUndo<TInput, TOutput>
    {
        var handler = ActivatorUtilities.GetServiceOrCreateInstance<THandler>(services);
        var typedInput = input.Deserialize<TInput>(SagaJson.Options)!;
        var typedOutput = actionOutput is { } o ? o.Deserialize<TOutput>(SagaJson.Options)! : default!;
        await handler.UndoAsync(typedInput, typedOutput, context).ConfigureAwait(false);
        return default;
    }
}
