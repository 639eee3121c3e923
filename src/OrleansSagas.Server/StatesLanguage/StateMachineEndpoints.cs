using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Client;
using OrleansSagas.Client.Http;
using Microsoft.Extensions.Options;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;
using OrleansSagas.Server.Api;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.Server.StatesLanguage;

/// <summary>The definition registry endpoints: register and read Amazon States Language state machines.</summary>
public static class StateMachineEndpoints
{
    /// <summary>
    /// Maps PUT /api/definitions/{name}?type=STANDARD|EXPRESS (201 for a new name, 200 for a new or unchanged version, 400 listing every
    /// problem with its JSON path) and GET /api/definitions/{name}?version=N.
    /// </summary>
    public static IEndpointRouteBuilder MapStateMachineDefinitions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/definitions/{name}", RegisterAsync);
        endpoints.MapGet("/api/definitions/{name}", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(string name, string? type, HttpRequest request, SagaDefinitionRegistry definitions, IOptions<SagaRuntimeOptions> options, CancellationToken cancellationToken)
    {
        var machineType = StateMachineType.Standard;
        if (!string.IsNullOrWhiteSpace(type) && (!Enum.TryParse(type.Trim(), ignoreCase: true, out machineType) || !Enum.IsDefined(machineType) || char.IsAsciiDigit(type.Trim()[0])))
            throw new SagaInputException("type", $"The parameter 'type' must be STANDARD or EXPRESS (was '{type}').");
        var registry = request.HttpContext.RequestServices.GetService<StateMachineRegistry>()
            ?? throw new DefinitionNotFoundException(name);
        var body = await RequestBodyReader.ReadAsync(request, options.Value.PayloadLimitBytes, cancellationToken).ConfigureAwait(false);
        var json = RequestBodyReader.Parse(body, "definition", whenEmpty: null).GetRawText();

        var existing = await definitions.FindAsync(name, null, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !StateMachineRegistry.IsStateMachineKind(existing.Kind))
            return ApiResults.Problem(StatusCodes.Status409Conflict, SagaProblemTypes.Conflict, "Conflict",
                $"Definition '{name}' is defined in code on this node and cannot be replaced.", "name");

        var registration = await registry.RegisterAsync(name, json, machineType, cancellationToken).ConfigureAwait(false);
        if (!registration.IsValid)
        {
            var problems = registration.Problems;
            return ApiResults.Json(new
            {
                type = SagaProblemTypes.InvalidRequest,
                title = "Invalid state machine definition",
                status = StatusCodes.Status400BadRequest,
                detail = $"The definition has {problems.Count} problem(s): " + string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")),
                field = "definition",
                errors = problems.Select(p => new { path = p.Path, message = p.Message }),
            }, StatusCodes.Status400BadRequest);
        }
        var record = registration.Record!;
        var isNewName = registration.Created && record.Version == 1;
        return ApiResults.Json(new { name = record.Name, version = record.Version, kind = record.Kind, created = registration.Created },
            isNewName ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> GetAsync(string name, int? version, HttpContext http, SagaDefinitionRegistry definitions, CancellationToken cancellationToken)
    {
        if (http.RequestServices.GetService<StateMachineRegistry>() is { } registry
            && await registry.GetRecordAsync(name, version, cancellationToken).ConfigureAwait(false) is { } record)
        {
            return ApiResults.Json(new
            {
                name = record.Name,
                version = record.Version,
                kind = record.Kind,
                createdAt = record.CreatedAt,
                definition = JsonDocument.Parse(record.Content).RootElement.Clone(),
            });
        }
        var code = await definitions.GetAsync(name, version, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(new { name = code.Name, version = code.Version, kind = code.Kind });
    }
}
