namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>A built-in function with some arguments fixed and "?" placeholders left open.</summary>
internal sealed class PartialNativeFunction : JsonataFunction
{
    public required NativeFunction Native { get; init; }

    /// <summary>The fixed arguments; <see cref="Placeholder"/> marks the open ones.</summary>
    public required object?[] Bound { get; init; }

    public static readonly object Placeholder = new();

    public override int Arity => Bound.Count(b => ReferenceEquals(b, Placeholder));
}
