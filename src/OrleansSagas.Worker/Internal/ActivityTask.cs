using System.Text.Json;

namespace OrleansSagas.Worker.Internal;

/// <summary>A task handed out by a poll.</summary>
internal sealed record ActivityTask(string TaskToken, JsonElement Input);
