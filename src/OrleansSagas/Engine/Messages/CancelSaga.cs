using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>Cancellation was requested: in-flight steps are cancelled and completed ones undone.</summary>
/// <param name="Reason">Why, in words.</param>
public sealed record CancelSaga(string Reason) : SagaMessage;
