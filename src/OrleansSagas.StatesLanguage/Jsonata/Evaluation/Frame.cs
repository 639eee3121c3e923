namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>A scope of variable bindings, chained to its enclosing scope.</summary>
internal sealed class Frame
{
    private readonly Frame? _parent;
    private Dictionary<string, object?>? _bindings;

    public Frame(Frame? parent) => _parent = parent;

    public void Bind(string name, object? value) => (_bindings ??= new(StringComparer.Ordinal))[name] = value;

    public object? Lookup(string name)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            if (frame._bindings is not null && frame._bindings.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
