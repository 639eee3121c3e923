namespace OrleansSagas.StatesLanguage.Jsonata;

/// <summary>Limits and host-supplied inputs for one evaluation of a JSONata expression.</summary>
public sealed class JsonataOptions
{
    /// <summary>The default options: no limits, the system clock, an unseeded random source.</summary>
    public static JsonataOptions Default { get; } = new();

    /// <summary>The deepest nesting of evaluation steps allowed (0: no limit beyond the thread's stack); D1011 beyond it.</summary>
    public int MaxDepth { get; init; }

    /// <summary>The longest an evaluation may run; D1012 after it.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The instant $now() and $millis() report; the system clock when not set.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The seed of $random() and $shuffle(); unpredictable when not set.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Extra variables (such as host functions) bound before the caller's bindings.</summary>
    internal IReadOnlyDictionary<string, object?>? HostBindings { get; init; }

    /// <summary>Whatever the host's functions need from the host for this evaluation (read through the call context).</summary>
    internal object? HostState { get; init; }

    /// <summary>Resolves variables not bound otherwise (null: not defined); consulted after the host bindings.</summary>
    internal Func<string, object?>? VariableResolver { get; init; }
}
