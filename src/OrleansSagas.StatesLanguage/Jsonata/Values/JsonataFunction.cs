using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Functions;
using OrleansSagas.StatesLanguage.Jsonata.Parsing;

namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>A function value: a lambda, a built-in, a partial application or a regex matcher.</summary>
internal abstract class JsonataFunction
{
    /// <summary>The number of declared parameters (higher-order functions pass index and array only if asked).</summary>
    public abstract int Arity { get; }

    public Signature? Signature { get; init; }
}

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

/// <summary>The implementation of a built-in function.</summary>
internal delegate object? NativeImplementation(CallContext context, object?[] args);

/// <summary>A built-in function.</summary>
internal sealed class NativeFunction : JsonataFunction
{
    public NativeFunction(string name, int arity, NativeImplementation implementation, string? signature = null)
    {
        Name = name;
        DeclaredArity = arity;
        Implementation = implementation;
        Signature = signature is null ? null : Signature.Parse(signature);
    }

    public string Name { get; }

    public int DeclaredArity { get; }

    public NativeImplementation Implementation { get; }

    public override int Arity => DeclaredArity;
}

/// <summary>A built-in function with some arguments fixed and "?" placeholders left open.</summary>
internal sealed class PartialNativeFunction : JsonataFunction
{
    public required NativeFunction Native { get; init; }

    /// <summary>The fixed arguments; <see cref="Placeholder"/> marks the open ones.</summary>
    public required object?[] Bound { get; init; }

    public static readonly object Placeholder = new();

    public override int Arity => Bound.Count(b => ReferenceEquals(b, Placeholder));
}
