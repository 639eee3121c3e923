namespace OrleansSagas.Tasks;

/// <summary>What a task token is bound to: one attempt of one step (or state machine task) of one saga.</summary>
/// <param name="SagaId">The saga.</param>
/// <param name="Node">The step name, or the state machine's task id.</param>
/// <param name="Attempt">The attempt; a token of an earlier attempt never completes a later one.</param>
[GenerateSerializer, Immutable]
internal sealed record TaskTokenClaims([property: Id(0)] string SagaId, [property: Id(1)] string Node, [property: Id(2)] int Attempt);
