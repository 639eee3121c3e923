using System.Text.Json;
using OrleansSagas.Engine;

namespace OrleansSagas.Tests.Engine.Support;

/// <summary>A canonical JSON rendering of a saga state, public and internal parts, for structural comparison.</summary>
internal static class StateJson
{
    public static string Canonical(SagaState s) => JsonSerializer.Serialize(new
    {
        s.IsStarted,
        s.SagaId,
        s.Definition,
        s.Version,
        Input = s.IsStarted ? s.Input : (JsonElement?)null,
        s.ParentId,
        s.ParentNode,
        s.Status,
        s.Output,
        s.Error,
        s.StuckNode,
        s.EventCount,
        s.CreatedAt,
        s.UpdatedAt,
        s.Steps,
        s.Nodes,
        s.IsUnwinding,
        s.UnwindOutcome,
        s.UnwindCause,
        s.TimeoutAt,
        s.BufferedSignals,
    }, SagaJson.Options);
}
