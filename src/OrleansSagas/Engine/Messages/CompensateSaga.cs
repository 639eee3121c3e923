using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Messages;

/// <summary>Asks a succeeded saga (a child whose parent unwinds) to undo everything it did.</summary>
/// <param name="Reason">Why, in words.</param>
public sealed record CompensateSaga(string Reason) : SagaMessage;
