using System.Globalization;
using Microsoft.AspNetCore.Http;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using Microsoft.Extensions.Options;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;

namespace OrleansSagas.Server.Api;

/// <summary>The handlers of the saga API; errors are thrown as saga exceptions and answered by <see cref="ApiErrorFilter"/>.</summary>
internal static class SagaEndpoints
{
    /// <summary>Room for the start envelope ("definition", "id") around an input of the full payload limit.</summary>
    private const int StartEnvelopeBytes = 16 * 1024;

    public static readonly TimeSpan MaxResultWait = TimeSpan.FromSeconds(60);

    public static IResult Health(ILocalSiloDetails silo) => ApiResults.Json(new { status = "ok", node = silo.Name, silo = silo.SiloAddress.ToString() });

    public static async Task<IResult> ListDefinitions(SagaDefinitionRegistry definitions, CancellationToken cancellationToken) =>
        ApiResults.Json(await definitions.ListAsync(cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> Start(HttpRequest request, GrainSagaClient client, IOptions<SagaRuntimeOptions> options, CancellationToken cancellationToken)
    {
        var bytes = await RequestBodyReader.ReadAsync(request, options.Value.PayloadLimitBytes + StartEnvelopeBytes, cancellationToken).ConfigureAwait(false);
        var start = StartRequest.Parse(RequestBodyReader.Parse(bytes, "body", whenEmpty: null));
        var result = await client.StartAsync(start.Definition, start.Input, start.Id, cancellationToken).ConfigureAwait(false);
        if (!result.Created) return ApiResults.Json(result.Saga);
        request.HttpContext.Response.Headers.Location = $"{request.PathBase}/api/sagas/{Uri.EscapeDataString(result.Saga.Id)}";
        return ApiResults.Json(result.Saga, StatusCodes.Status201Created);
    }

    public static async Task<IResult> Describe(string id, GrainSagaClient client, CancellationToken cancellationToken) =>
        ApiResults.Json(await client.DescribeAsync(id, cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> History(string id, GrainSagaClient client, CancellationToken cancellationToken) =>
        ApiResults.Json(await client.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> Result(string id, string? waitSeconds, GrainSagaClient client, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.Zero;
        if (!string.IsNullOrWhiteSpace(waitSeconds))
        {
            if (!double.TryParse(waitSeconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds < 0)
                throw new SagaInputException("waitSeconds", $"The parameter 'waitSeconds' must be a number of seconds from 0 to {MaxResultWait.TotalSeconds} (was '{waitSeconds}').");
            wait = seconds >= MaxResultWait.TotalSeconds ? MaxResultWait : TimeSpan.FromSeconds(seconds);
        }
        return ApiResults.Json(await client.WaitAsync(id, wait, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<IResult> Signal(string id, string name, HttpRequest request, GrainSagaClient client, IOptions<SagaRuntimeOptions> options, CancellationToken cancellationToken)
    {
        var bytes = await RequestBodyReader.ReadAsync(request, options.Value.PayloadLimitBytes, cancellationToken).ConfigureAwait(false);
        var payload = RequestBodyReader.Parse(bytes, "payload", whenEmpty: "null");
        await client.SignalAsync(id, name, payload, cancellationToken).ConfigureAwait(false);
        return Results.Accepted();
    }

    public static async Task<IResult> Cancel(string id, GrainSagaClient client, CancellationToken cancellationToken)
    {
        await client.CancelAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Accepted();
    }

    public static async Task<IResult> RetryStuck(string id, string node, GrainSagaClient client)
    {
        await client.RetryStuckAsync(id, node).ConfigureAwait(false);
        return Results.Accepted();
    }

    public static async Task<IResult> SkipStuck(string id, string node, GrainSagaClient client)
    {
        await client.SkipStuckAsync(id, node).ConfigureAwait(false);
        return Results.Accepted();
    }

    public static async Task<IResult> List(string? status, string? definition, string? limit, string? after, string? schedule, GrainSagaClient client, CancellationToken cancellationToken)
    {
        SagaStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (char.IsAsciiDigit(status.Trim()[0]) || !Enum.TryParse<SagaStatus>(status.Trim(), ignoreCase: true, out var parsed))
                throw new SagaInputException("status", $"The parameter 'status' must be one of {string.Join(", ", Enum.GetNames<SagaStatus>())} (was '{status}').");
            statusFilter = parsed;
        }
        var pageSize = 100;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
            throw new SagaInputException("limit", $"The parameter 'limit' must be a whole number from 1 to 1000 (was '{limit}').");
        if (!string.IsNullOrWhiteSpace(schedule))
        {
            if (!string.IsNullOrWhiteSpace(definition))
                throw new SagaInputException("schedule", "Filter by 'schedule' or by 'definition', not both (a schedule starts sagas of one definition).");
            return ApiResults.Json(await client.ListScheduleSagasAsync(schedule, statusFilter, pageSize, string.IsNullOrEmpty(after) ? null : after, cancellationToken).ConfigureAwait(false));
        }
        var page = await client.ListAsync(statusFilter, string.IsNullOrWhiteSpace(definition) ? null : definition,
            pageSize, string.IsNullOrEmpty(after) ? null : after, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(page);
    }
}
