using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSagas.Server.Api;

/// <summary>
/// The API's JSON: <see cref="SagaJson"/> conventions (camelCase, enums as strings), but writing null fields, so
/// clients in any language see every documented field ("output": null rather than no "output"),
/// and without escaping readable text.
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(SagaJson.Options)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Answers are JSON documents, never embedded in HTML, so quotes and non-ASCII text need no escaping.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
