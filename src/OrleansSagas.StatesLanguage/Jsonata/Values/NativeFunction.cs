using OrleansSagas.StatesLanguage.Jsonata.Functions;

namespace OrleansSagas.StatesLanguage.Jsonata.Values;

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
