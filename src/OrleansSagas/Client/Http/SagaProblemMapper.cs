using System.Net;
using System.Net.Http;
using System.Text.Json;

namespace OrleansSagas.Client.Http;

/// <summary>Turns an unsuccessful API answer back into the <see cref="SagaException"/> the in-process client would throw.</summary>
internal static class SagaProblemMapper
{
    public static async Task<SagaException> ToExceptionAsync(HttpResponseMessage response, string? sagaId, string? definition, CancellationToken cancellationToken)
    {
        var problem = await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
        var detail = problem?.Detail ?? $"The gateway answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        return (response.StatusCode, problem?.Type) switch
        {
            (_, SagaProblemTypes.TaskToken) when Enum.TryParse<Tasks.TaskTokenRejection>(problem!.Reason, ignoreCase: true, out var rejection) =>
                new Tasks.TaskTokenException(rejection, detail),
            (HttpStatusCode.NotFound, SagaProblemTypes.SagaNotFound) => new SagaNotFoundException(sagaId ?? problem?.Field ?? ""),
            (HttpStatusCode.NotFound, SagaProblemTypes.DefinitionNotFound) => new DefinitionNotFoundException(definition ?? ""),
            (HttpStatusCode.Conflict, _) => new SagaConflictException(sagaId ?? "", detail),
            (HttpStatusCode.BadRequest, _) => new SagaInputException(problem?.Field ?? "body", detail),
            (HttpStatusCode.RequestEntityTooLarge, _) => new SagaInputException(problem?.Field ?? "body", detail, tooLarge: true),
            (HttpStatusCode.ServiceUnavailable, _) => new SagaGatewayUnavailableException(detail),
            _ => new SagaException($"{response.RequestMessage?.RequestUri} failed with {(int)response.StatusCode}: {detail}"),
        };
    }

    private static async Task<SagaProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) != true) return null;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
                return await JsonSerializer.DeserializeAsync<SagaProblemDetails>(stream, SagaJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
