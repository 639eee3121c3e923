using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSagas;

/// <summary>The JSON conventions used for saga inputs, outputs, events and the HTTP API: camelCase, enums as strings.</summary>
public static class SagaJson
{
    /// <summary>The shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serializes a value to a detached <see cref="JsonElement"/>.</summary>
    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>Parses JSON text into a detached <see cref="JsonElement"/>.</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>True when two JSON values are equal as JSON (key order ignored, numbers by value).</summary>
    public static bool DeepEquals(JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
