namespace OrleansSagas.Definitions;

/// <summary>Starts another saga and awaits its outcome; unwinding the parent compensates a child that succeeded.</summary>
public sealed record ChildSagaNode : SagaNode
{
    /// <summary>The name of the child saga's definition.</summary>
    public required string Definition { get; init; }

    /// <summary>The node whose output is the child's input; null means the parent's input.</summary>
    public string? InputFrom { get; init; }
}
