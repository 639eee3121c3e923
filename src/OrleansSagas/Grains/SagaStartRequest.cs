using System.Text.Json;

namespace OrleansSagas.Grains;

/// <summary>What starting a saga needs.</summary>
/// <param name="Definition">The definition name.</param>
/// <param name="Version">The definition version; null for the latest.</param>
/// <param name="Input">The input.</param>
/// <param name="ParentId">The parent saga when a saga node starts this one as its child.</param>
/// <param name="ParentNode">The parent's node that started it.</param>
[Immutable]
public sealed record SagaStartRequest(string Definition, int? Version, JsonElement Input, string? ParentId = null, string? ParentNode = null);
