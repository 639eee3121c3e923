using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansSagas.Client;

namespace OrleansSagas.Server.Api;

/// <summary>Reads a JSON request body, refusing one over the size limit before parsing it (and before reading it, when its length is declared).</summary>
internal static class RequestBodyReader
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
            throw new SagaInputException("body", $"The request body is {declared} bytes, over the limit of {limit} bytes.", tooLarge: true);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new SagaInputException("body", $"The request body exceeds the limit of {limit} bytes.", tooLarge: true);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Parses a JSON document; an empty body is <paramref name="whenEmpty"/> (or an error when null).</summary>
    public static JsonElement Parse(byte[] body, string field, string? whenEmpty)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            if (whenEmpty is null) throw new SagaInputException(field, "The request body is empty; a JSON document is required.");
            return SagaJson.Parse(whenEmpty);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new SagaInputException(field, $"The request body is not valid JSON{where}.");
        }
    }
}
