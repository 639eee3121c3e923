using System.Text.Json;
using OrleansSagas.Client;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

/// <summary>Converts between engine states, catalog rows and client descriptions.</summary>
internal static class SagaDescriptions
{
    public static SagaRecord ToRecord(SagaState view, string id, long version, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        Id = id,
        Definition = view.Definition,
        DefinitionVersion = view.Version,
        Status = view.Status,
        Input = view.Input.ValueKind == JsonValueKind.Undefined ? "null" : view.Input.GetRawText(),
        Output = view.Output?.GetRawText(),
        Error = view.Error is null ? null : JsonSerializer.Serialize(view.Error, SagaJson.Options),
        Version = version,
        ParentId = view.ParentId,
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
        Summary = JsonSerializer.Serialize(new SagaSummary(view.Steps, view.StuckNode, view.ParentNode), SagaJson.Options),
    };

    public static SagaDescription FromRecord(SagaRecord record)
    {
        var summary = record.Summary is null ? null : JsonSerializer.Deserialize<SagaSummary>(record.Summary, SagaJson.Options);
        return new SagaDescription
        {
            Id = record.Id,
            Definition = record.Definition,
            Version = record.DefinitionVersion,
            Status = record.Status,
            Input = SagaJson.Parse(record.Input),
            Output = record.Output is null ? null : SagaJson.Parse(record.Output),
            Error = record.Error is null ? null : JsonSerializer.Deserialize<SagaError>(record.Error, SagaJson.Options),
            StuckNode = summary?.StuckNode,
            Steps = summary?.Steps ?? [],
            CreatedAt = record.CreatedAt,
            UpdatedAt = record.UpdatedAt,
        };
    }

    public static SagaHistoryEntry ToHistory(StoredEvent e) => new(e.Sequence, e.Type, e.Timestamp, SagaJson.Parse(e.Data));
}
