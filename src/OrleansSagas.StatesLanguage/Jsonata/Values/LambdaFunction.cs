using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Parsing;

namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>A user-defined function (function($x){...}), closing over its environment and context.</summary>
internal sealed class LambdaFunction : JsonataFunction
{
    public required Node Body { get; init; }

    public required Frame Environment { get; init; }

    public object? Input { get; init; }

    public required IReadOnlyList<string> Parameters { get; init; }

    /// <summary>A deferred tail call, unwound by the caller's trampoline.</summary>
    public bool Thunk { get; init; }

    public override int Arity => Parameters.Count;
}
