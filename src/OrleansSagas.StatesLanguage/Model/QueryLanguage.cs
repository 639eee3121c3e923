namespace OrleansSagas.StatesLanguage.Model;

/// <summary>The query language a state machine or a single state uses for its data flow.</summary>
public enum QueryLanguage
{
    /// <summary>JSONPath paths, payload templates and intrinsic functions (the default).</summary>
    JsonPath,

    /// <summary>JSONata expressions in <c>{% ... %}</c> (Arguments, Output, Assign, Condition, Items…).</summary>
    Jsonata,
}
