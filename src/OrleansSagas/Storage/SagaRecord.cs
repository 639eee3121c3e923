using OrleansSagas.Engine;

namespace OrleansSagas.Storage;

/// <summary>A saga's catalog row: identity, status and a summary of its last recorded decision, so listing needs no grain call.</summary>
public sealed record SagaRecord
{
    /// <summary>The saga id.</summary>
    public required string Id { get; init; }

    /// <summary>The definition name.</summary>
    public required string Definition { get; init; }

    /// <summary>The definition version the instance runs.</summary>
    public required int DefinitionVersion { get; init; }

    /// <summary>The current status.</summary>
    public required SagaStatus Status { get; init; }

    /// <summary>The input as JSON text.</summary>
    public required string Input { get; init; }

    /// <summary>The output as JSON text once succeeded.</summary>
    public string? Output { get; init; }

    /// <summary>The error (JSON of <see cref="Definitions.SagaError"/>) once failed.</summary>
    public string? Error { get; init; }

    /// <summary>The sequence of the saga's last event; a row is only replaced by one with a higher version.</summary>
    public required long Version { get; init; }

    /// <summary>The parent saga id for a child saga.</summary>
    public string? ParentId { get; init; }

    /// <summary>When the saga was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the saga last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>An opaque JSON summary written by the runtime (e.g. step statuses); not interpreted by stores.</summary>
    public string? Summary { get; init; }
}
