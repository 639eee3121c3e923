using System.Collections.Frozen;
using System.Text.Json;
using OrleansSagas.Engine;

namespace OrleansSagas.Cluster;

/// <summary>
/// Writes engine messages for the wire between nodes as a type name and a JSON body, and reads them back. Every
/// public message type of the core library is known by its simple name (e.g. "SignalReceived").
/// </summary>
public static class ClusterMessageCodec
{
    private static readonly FrozenDictionary<string, Type> Types = typeof(SagaMessage).Assembly.GetTypes()
        .Where(t => t.IsPublic && !t.IsAbstract && t.IsSubclassOf(typeof(SagaMessage)))
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The type name and JSON body of <paramref name="message"/>.</summary>
    public static (string Type, JsonElement Body) Encode(SagaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        if (!Types.ContainsKey(type.Name)) throw new ArgumentException($"Message type '{type.Name}' cannot cross the wire.", nameof(message));
        return (type.Name, JsonSerializer.SerializeToElement(message, type, SagaJson.Options));
    }

    /// <summary>Reads a message written by <see cref="Encode"/>.</summary>
    /// <exception cref="ArgumentException">Unknown type name, or a body that is not a message of that type.</exception>
    public static SagaMessage Decode(string type, JsonElement body)
    {
        if (!Types.TryGetValue(type, out var clr)) throw new ArgumentException($"Unknown message type '{type}'.", nameof(type));
        try
        {
            return (SagaMessage?)body.Deserialize(clr, SagaJson.Options)
                ?? throw new ArgumentException($"The body of a '{type}' message is empty.", nameof(body));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The body is not a valid '{type}' message: {e.Message}", nameof(body), e);
        }
    }
}
