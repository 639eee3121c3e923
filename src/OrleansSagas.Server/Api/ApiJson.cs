using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSagas.Server.Api;

/// <summary>
/// The API's JSON: <see cref="SagaJson"/> conventions (camelCase, enums as strings), but writing null fields, so
/// clients in any language see every documented field ("output": null rather than no "output").
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(SagaJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
