using OrleansSagas.StatesLanguage.Jsonata.Functions;

namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>A function value: a lambda, a built-in, a partial application or a regex matcher.</summary>
internal abstract class JsonataFunction
{
    /// <summary>The number of declared parameters (higher-order functions pass index and array only if asked).</summary>
    public abstract int Arity { get; }

    public Signature? Signature { get; init; }
}
