using System.Text.Json;

namespace OrleansSagas.Definitions;

/// <summary>A node whose output is a fixed value; it succeeds as soon as its dependencies have.</summary>
public sealed record ConstantNode : SagaNode
{
    /// <summary>The value the node outputs.</summary>
    public required JsonElement Value { get; init; }
}
