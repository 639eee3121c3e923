using System.Text.Json;

namespace OrleansSagas.Engine.Events;

/// <summary>The saga instance was created: who it is, what it runs and with which input.</summary>
/// <param name="SagaId">The instance id.</param>
/// <param name="Definition">The definition name.</param>
/// <param name="Version">The definition version the instance runs.</param>
/// <param name="Input">The saga input.</param>
/// <param name="ParentId">The parent saga id when started as a child saga.</param>
/// <param name="ParentNode">The parent node that started it.</param>
/// <param name="TimeoutAt">When the saga timeout fires (timer "saga-timeout"); null when the definition has no timeout.</param>
public sealed record SagaStarted(string SagaId, string Definition, int Version, JsonElement Input, string? ParentId, string? ParentNode, DateTimeOffset? TimeoutAt) : SagaEvent;
