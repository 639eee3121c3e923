using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Runtime;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.Server.StatesLanguage;

/// <summary>The definition registry endpoints: register and read Amazon States Language state machines.</summary>
public static class StateMachineEndpoints
{
    /// <summary>
    /// Maps PUT /api/definitions/{name} (201 for a new name, 200 for a new or unchanged version, 400 listing every
    /// problem with its JSON path) and GET /api/definitions/{name}?version=N.
    /// </summary>
    public static IEndpointRouteBuilder MapStateMachineDefinitions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/definitions/{name}", RegisterAsync);
        endpoints.MapGet("/api/definitions/{name}", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        var services = request.HttpContext.RequestServices;
        var registry = services.GetService<StateMachineRegistry>();
        if (registry is null)
            return Problem(StatusCodes.Status404NotFound, "States Language is not enabled on this node.", "definition");
        var runtime = services.GetRequiredService<SagaRuntime>();
        var limit = runtime.Options.PayloadLimitBytes;
        if (request.ContentLength > limit)
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The definition is {request.ContentLength} bytes, over the limit of {limit} bytes.", "definition");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (Encoding.UTF8.GetByteCount(json) > limit)
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The definition is over the limit of {limit} bytes.", "definition");

        var existing = await runtime.Definitions.FindAsync(name, null, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.Kind != StateMachineRegistry.Kind)
            return Problem(StatusCodes.Status409Conflict, $"Definition '{name}' is defined in code on this node and cannot be replaced.", "name");

        var registration = await registry.RegisterAsync(name, json, cancellationToken).ConfigureAwait(false);
        if (!registration.IsValid)
        {
            return Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid state machine definition",
                Detail = $"The definition has {registration.Problems.Count} problem(s): " +
                         string.Join("; ", registration.Problems.Select(p => $"{p.Path}: {p.Message}")),
                Extensions =
                {
                    ["field"] = "definition",
                    ["errors"] = registration.Problems.Select(p => new { path = p.Path, message = p.Message }).ToArray(),
                },
            });
        }
        var record = registration.Record!;
        var body = new { name = record.Name, version = record.Version, kind = record.Kind, created = registration.Created };
        var isNewName = registration.Created && record.Version == 1;
        return isNewName ? Results.Json(body, SagaJson.Options, statusCode: StatusCodes.Status201Created) : Results.Json(body, SagaJson.Options);
    }

    private static async Task<IResult> GetAsync(string name, int? version, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        if (services.GetService<StateMachineRegistry>() is { } registry
            && await registry.GetRecordAsync(name, version, cancellationToken).ConfigureAwait(false) is { } record)
        {
            return Results.Json(new
            {
                name = record.Name,
                version = record.Version,
                kind = record.Kind,
                createdAt = record.CreatedAt,
                definition = JsonDocument.Parse(record.Content).RootElement,
            }, SagaJson.Options);
        }
        var runtime = services.GetRequiredService<SagaRuntime>();
        if (await runtime.Definitions.FindAsync(name, version, cancellationToken).ConfigureAwait(false) is { } code)
            return Results.Json(new { name = code.Name, version = code.Version, kind = code.Kind }, SagaJson.Options);
        return Problem(StatusCodes.Status404NotFound, version is null ? $"Definition '{name}' is not registered." : $"Definition '{name}' version {version} is not registered.", "name");
    }

    private static IResult Problem(int status, string detail, string field) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["field"] = field });
}
