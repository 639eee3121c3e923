namespace OrleansSagas.Tasks;

/// <summary>What a worker or callback sent with a task token.</summary>
/// <param name="Kind">Success, failure or heartbeat.</param>
/// <param name="Output">The output JSON text of a success.</param>
/// <param name="Error">The error name of a failure.</param>
/// <param name="Cause">The cause of a failure.</param>
[GenerateSerializer, Immutable]
[Alias("OrleansSagas.TaskSettlement")]
internal sealed record TaskSettlement(
    [property: Id(0)] TaskSettlementKind Kind,
    [property: Id(1)] string? Output = null,
    [property: Id(2)] string? Error = null,
    [property: Id(3)] string? Cause = null);

/// <summary>What a report with a task token says.</summary>
internal enum TaskSettlementKind
{
    /// <summary>The task succeeded.</summary>
    Success,

    /// <summary>The task failed.</summary>
    Failure,

    /// <summary>The task is alive.</summary>
    Heartbeat,
}
