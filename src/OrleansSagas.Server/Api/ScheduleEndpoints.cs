using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansSagas.Client;
using OrleansSagas.Client.Http;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;
using OrleansSagas.Schedules;

namespace OrleansSagas.Server.Api;

/// <summary>The schedule endpoints: create or update, list, describe, delete, pause, resume and trigger schedules.</summary>
internal static class ScheduleEndpoints
{
    /// <summary>Room for the schedule fields around an input of the full payload limit.</summary>
    private const int EnvelopeBytes = 16 * 1024;

    public static void MapSchedules(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/schedules", ListAsync);
        endpoints.MapPut("/api/schedules/{name}", PutAsync);
        endpoints.MapGet("/api/schedules/{name}", DescribeAsync);
        endpoints.MapDelete("/api/schedules/{name}", DeleteAsync);
        endpoints.MapPost("/api/schedules/{name}/pause", PauseAsync);
        endpoints.MapPost("/api/schedules/{name}/resume", ResumeAsync);
        endpoints.MapPost("/api/schedules/{name}/trigger", TriggerAsync);
    }

    /// <summary>400 listing every problem with its field (the first one also as <c>field</c>).</summary>
    public static IResult Problems(IReadOnlyList<ScheduleProblem> problems) =>
        ApiResults.Json(new
        {
            type = SagaProblemTypes.InvalidRequest,
            title = "Invalid schedule",
            status = StatusCodes.Status400BadRequest,
            detail = $"The schedule has {problems.Count} problem(s): " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")),
            field = problems.Count > 0 ? problems[0].Field : "body",
            errors = problems.Select(p => new { field = p.Field, message = p.Message }),
        }, StatusCodes.Status400BadRequest);

    private static async Task<IResult> ListAsync(GrainSagaClient client, CancellationToken cancellationToken) =>
        ApiResults.Json(await client.ListSchedulesAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> PutAsync(string name, HttpRequest request, GrainSagaClient client, SagaDefinitionRegistry definitions,
        IOptions<SagaRuntimeOptions> options, CancellationToken cancellationToken)
    {
        var bytes = await RequestBodyReader.ReadAsync(request, options.Value.PayloadLimitBytes + EnvelopeBytes, cancellationToken).ConfigureAwait(false);
        var problems = new List<ScheduleProblem>();
        var spec = ScheduleRequest.Parse(RequestBodyReader.Parse(bytes, "body", whenEmpty: null), problems);
        // Checked here too so one answer lists the body's shape problems beside the rest; the grain checks again.
        foreach (var problem in ScheduleValidator.Validate(name, spec, options.Value.PayloadLimitBytes))
            if (!problems.Any(p => p.Field == problem.Field)) problems.Add(problem);
        if (!string.IsNullOrWhiteSpace(spec.Definition) && await definitions.FindAsync(spec.Definition, null, cancellationToken).ConfigureAwait(false) is null)
            problems.Add(new ScheduleProblem("definition", $"Definition '{spec.Definition}' is not registered."));
        if (problems.Count > 0) return Problems(problems);

        var result = await client.PutScheduleAsync(name, spec, cancellationToken).ConfigureAwait(false);
        if (!result.Created) return ApiResults.Json(result.Schedule);
        request.HttpContext.Response.Headers.Location = $"{request.PathBase}/api/schedules/{Uri.EscapeDataString(name)}";
        return ApiResults.Json(result.Schedule, StatusCodes.Status201Created);
    }

    private static async Task<IResult> DescribeAsync(string name, GrainSagaClient client, CancellationToken cancellationToken) =>
        ApiResults.Json(await client.DescribeScheduleAsync(name, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> DeleteAsync(string name, GrainSagaClient client, CancellationToken cancellationToken)
    {
        await client.DeleteScheduleAsync(name, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> PauseAsync(string name, string? note, GrainSagaClient client, CancellationToken cancellationToken) =>
        ApiResults.Json(await client.PauseScheduleAsync(name, note, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> ResumeAsync(string name, string? note, GrainSagaClient client, CancellationToken cancellationToken) =>
        ApiResults.Json(await client.ResumeScheduleAsync(name, note, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> TriggerAsync(string name, GrainSagaClient client, CancellationToken cancellationToken) =>
        ApiResults.Json(await client.TriggerScheduleAsync(name, cancellationToken).ConfigureAwait(false), StatusCodes.Status202Accepted);
}
