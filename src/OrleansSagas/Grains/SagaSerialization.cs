using System.Text.Json;
using Orleans.Serialization;

namespace OrleansSagas.Grains;

/// <summary>
/// How saga types cross grain calls: the records of the client API (descriptions, history, requests) travel as
/// JSON with <see cref="SagaJson.Options"/>, the same shape the HTTP API uses, so adding a field never breaks an
/// older peer. Exceptions use Orleans' generated serializers.
/// </summary>
public static class SagaSerialization
{
    /// <summary>Registers the saga types with an Orleans serializer (silos and clients both need it).</summary>
    public static ISerializerBuilder AddSagaSerializers(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(IsJsonType, SagaJson.Options);

    private static bool IsJsonType(Type type) =>
        type == typeof(JsonElement)
        || (type.Namespace is { } ns && ns.StartsWith("OrleansSagas", StringComparison.Ordinal)
            && !typeof(Exception).IsAssignableFrom(type) && !type.IsInterface && !type.IsAbstract
            && type.GetCustomAttributes(typeof(GenerateSerializerAttribute), false).Length == 0);
}
