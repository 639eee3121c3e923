using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;

namespace OrleansSagas.Client;

/// <summary>What a saga instance looks like now: identity, status, input, output or error, and its steps.</summary>
public sealed record SagaDescription
{
    /// <summary>The saga id.</summary>
    public required string Id { get; init; }

    /// <summary>The definition name.</summary>
    public required string Definition { get; init; }

    /// <summary>The definition version the instance runs.</summary>
    public required int Version { get; init; }

    /// <summary>The status.</summary>
    public required SagaStatus Status { get; init; }

    /// <summary>The input.</summary>
    public JsonElement Input { get; init; }

    /// <summary>The output once succeeded.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Why it did not succeed (or what made it unwind).</summary>
    public SagaError? Error { get; init; }

    /// <summary>The node whose undo failed, when stuck.</summary>
    public string? StuckNode { get; init; }

    /// <summary>Every node with its status and attempts.</summary>
    public IReadOnlyList<StepSummary> Steps { get; init; } = [];

    /// <summary>When it started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
