namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>A scope of variable bindings, chained to its enclosing scope.</summary>
internal sealed class Frame
{
    private readonly Frame? _parent;
    private readonly Func<string, object?>? _resolver;
    private Dictionary<string, object?>? _bindings;

    public Frame(Frame? parent) => _parent = parent;

    /// <summary>A scope whose unbound names are asked of the host (such as a state machine's variables).</summary>
    public Frame(Frame? parent, Func<string, object?> resolver)
    {
        _parent = parent;
        _resolver = resolver;
    }

    public void Bind(string name, object? value) => (_bindings ??= new(StringComparer.Ordinal))[name] = value;

    public object? Lookup(string name)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            if (frame._bindings is not null && frame._bindings.TryGetValue(name, out var value))
            {
                return value;
            }

            if (frame._resolver?.Invoke(name) is { } resolved)
            {
                return resolved;
            }
        }

        return null;
    }
}
