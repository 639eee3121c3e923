namespace OrleansSagas.StatesLanguage.JsonPath;

/// <summary>What the first token of a path refers to.</summary>
internal enum JsonPathRoot
{
    /// <summary>$ — the current input.</summary>
    Input,

    /// <summary>$$ — the context object.</summary>
    Context,

    /// <summary>$name — a variable assigned with Assign.</summary>
    Variable,
}
