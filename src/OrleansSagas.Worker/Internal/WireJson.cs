using System.Text.Json;

namespace OrleansSagas.Worker.Internal;

/// <summary>The JSON shape of the worker endpoints' envelopes (camelCase); task inputs and outputs travel inside as raw JSON.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
