using System.Text.Json;

namespace OrleansSagas.Engine;

/// <summary>A signal that arrived before a node waited for it.</summary>
internal sealed record BufferedSignal(string Name, JsonElement Payload);
