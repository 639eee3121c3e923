using OrleansSagas.Definitions;

namespace OrleansSagas.Tests.Engine.Support;

/// <summary>Small graphs used across engine tests.</summary>
internal static class Graphs
{
    /// <summary>A chain a → b → … of steps, each with an undo.</summary>
    public static SagaGraph Linear(params string[] names)
    {
        var builder = new SagaBuilder("linear");
        for (var i = 0; i < names.Length; i++)
        {
            var after = i == 0 ? [] : new[] { names[i - 1] };
            builder.Step<NoopStep>(names[i], n => n.After(after).WithUndo<NoopUndo>());
        }
        return builder.Build();
    }

    /// <summary>root → {left, middle, right} → join: a fan-out and fan-in, every step with an undo.</summary>
    public static SagaGraph Diamond() => new SagaBuilder("diamond")
        .Step<NoopStep>("root", n => n.WithUndo<NoopUndo>())
        .Step<NoopStep>("left", n => n.After("root").WithUndo<NoopUndo>())
        .Step<NoopStep>("middle", n => n.After("root").WithUndo<NoopUndo>())
        .Step<NoopStep>("right", n => n.After("root").WithUndo<NoopUndo>())
        .Step<NoopStep>("join", n => n.After("left", "middle", "right").WithUndo<NoopUndo>())
        .Build();
}
