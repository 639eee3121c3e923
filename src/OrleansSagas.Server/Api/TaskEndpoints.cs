using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrleansSagas.Client;
using OrleansSagas.Hosting;
using OrleansSagas.Tasks;

namespace OrleansSagas.Server.Api;

/// <summary>
/// The worker API in Step Functions' shapes: activity polls, and success, failure and heartbeats sent with task tokens.
/// Any silo serves any token: it verifies the token with the cluster keys and forwards the report to the saga's grain.
/// </summary>
internal static class TaskEndpoints
{
    /// <summary>The poll wait when the request gives none, as Step Functions' GetActivityTask.</summary>
    public static readonly TimeSpan DefaultPollWait = TimeSpan.FromSeconds(60);

    /// <summary>Room for the report envelope around an output of the full payload limit.</summary>
    private const int EnvelopeBytes = 48 * 1024;

    public static async Task<IResult> Poll(string name, HttpRequest request, GrainTaskClient tasks, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, EnvelopeBytes, cancellationToken).ConfigureAwait(false);
        var worker = OptionalString(body, "workerName") ?? throw new SagaInputException("workerName", "The field 'workerName' is required.");
        var wait = DefaultPollWait;
        if (body.TryGetProperty("waitSeconds", out var seconds) && seconds.ValueKind != JsonValueKind.Null)
        {
            if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetDouble(out var value) || value < 0 || value > GrainTaskClient.MaxPollWait.TotalSeconds)
                throw new SagaInputException("waitSeconds", $"The field 'waitSeconds' must be a number of seconds from 0 to {GrainTaskClient.MaxPollWait.TotalSeconds} (was {seconds.GetRawText()}).");
            wait = TimeSpan.FromSeconds(value);
        }
        var task = await tasks.PollAsync(name, worker, wait, cancellationToken).ConfigureAwait(false);
        return task is null ? Results.NoContent() : ApiResults.Json(task);
    }

    public static async Task<IResult> DescribeActivity(string name, IGrainFactory grains) =>
        ApiResults.Json(await grains.GetGrain<ITaskGatewayGrain>(0).DescribeActivityAsync(name).ConfigureAwait(false));

    public static async Task<IResult> Success(HttpRequest request, GrainTaskClient tasks, IOptions<SagaRuntimeOptions> options, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, options.Value.PayloadLimitBytes + EnvelopeBytes, cancellationToken).ConfigureAwait(false);
        var output = body.TryGetProperty("output", out var value) ? value : SagaJson.Parse("null");
        await tasks.SendSuccessAsync(Token(body), output, cancellationToken).ConfigureAwait(false);
        return Ok();
    }

    public static async Task<IResult> Failure(HttpRequest request, GrainTaskClient tasks, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, EnvelopeBytes, cancellationToken).ConfigureAwait(false);
        await tasks.SendFailureAsync(Token(body), OptionalString(body, "error"), OptionalString(body, "cause"), cancellationToken).ConfigureAwait(false);
        return Ok();
    }

    public static async Task<IResult> Heartbeat(HttpRequest request, GrainTaskClient tasks, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, EnvelopeBytes, cancellationToken).ConfigureAwait(false);
        await tasks.SendHeartbeatAsync(Token(body), cancellationToken).ConfigureAwait(false);
        return Ok();
    }

    private static IResult Ok() => ApiResults.Json(new { });

    private static async Task<JsonElement> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var bytes = await RequestBodyReader.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        var body = RequestBodyReader.Parse(bytes, "body", whenEmpty: "{}");
        if (body.ValueKind != JsonValueKind.Object) throw new SagaInputException("body", "The request body must be a JSON object.");
        return body;
    }

    private static string Token(JsonElement body) =>
        OptionalString(body, "taskToken") ?? throw new SagaInputException("taskToken", "The field 'taskToken' is required.");

    private static string? OptionalString(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SagaInputException(field, string.Create(CultureInfo.InvariantCulture, $"The field '{field}' must be a string (was {value.ValueKind})."));
    }
}
