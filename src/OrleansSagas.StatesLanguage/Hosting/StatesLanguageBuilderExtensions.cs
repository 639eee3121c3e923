using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>Adds Amazon States Language support to a saga node.</summary>
public static class StatesLanguageBuilderExtensions
{
    /// <summary>Lets the node run state machines registered at run time (PUT /api/definitions/{name}).</summary>
    public static OrleansSagasBuilder AddStatesLanguage(this OrleansSagasBuilder builder)
    {
        builder.Services.TryAddSingleton<StateMachineRegistry>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaDefinitionSource, StateMachineRegistry>(sp => sp.GetRequiredService<StateMachineRegistry>()));
        return builder;
    }

    /// <summary>Registers <typeparamref name="THandler"/> for Task states whose Resource is "handler:<paramref name="name"/>".</summary>
    public static OrleansSagasBuilder AddTaskHandler<THandler>(this OrleansSagasBuilder builder, string name)
        where THandler : class, IStateMachineTaskHandler
    {
        builder.AddStatesLanguage();
        builder.Services.AddKeyedTransient<IStateMachineTaskHandler, THandler>(name);
        return builder;
    }
}
