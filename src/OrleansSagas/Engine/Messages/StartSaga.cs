using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>Starts a new saga instance.</summary>
/// <param name="SagaId">The instance id.</param>
/// <param name="Definition">The definition name.</param>
/// <param name="Version">The definition version the instance runs.</param>
/// <param name="Input">The saga input.</param>
/// <param name="ParentId">The parent saga id when started as a child saga.</param>
/// <param name="ParentNode">The parent node that started it.</param>
public sealed record StartSaga(string SagaId, string Definition, int Version, JsonElement Input, string? ParentId = null, string? ParentNode = null) : SagaMessage;
