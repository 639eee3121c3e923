using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansSagas.Server.Api;
using OrleansSagas.Server.StatesLanguage;

namespace OrleansSagas.Server;

/// <summary>Maps the HTTP API every silo serves (its calls are grain calls, so any silo serves any saga).</summary>
public static class SagaApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /health</c> and the saga API under <c>/api</c>: definitions (list, and register or read state machines),
    /// start, describe, history, long-poll
    /// result, signals, cancel, list, the operator actions on stuck sagas, schedules, and the worker API (activity polls,
    /// and success, failure and heartbeats sent with task tokens). JSON is camelCase with enums as strings;
    /// errors are RFC 7807 problem details whose <c>field</c> names the part of the request at fault.
    /// </summary>
    /// <returns>The group of every endpoint, to add conventions such as authorization.</returns>
    public static RouteGroupBuilder MapOrleansSagasApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("");
        group.AddEndpointFilter(ApiErrorFilter.InvokeAsync);

        group.MapGet("/health", SagaEndpoints.Health);
        group.MapGet("/api/definitions", SagaEndpoints.ListDefinitions);
        group.MapStateMachineDefinitions();
        group.MapPost("/api/sagas", SagaEndpoints.Start);
        group.MapGet("/api/sagas", SagaEndpoints.List);
        group.MapGet("/api/sagas/{id}", SagaEndpoints.Describe);
        group.MapGet("/api/sagas/{id}/history", SagaEndpoints.History);
        group.MapGet("/api/sagas/{id}/result", SagaEndpoints.Result);
        group.MapPost("/api/sagas/{id}/signals/{name}", SagaEndpoints.Signal);
        group.MapPost("/api/sagas/{id}/cancel", SagaEndpoints.Cancel);
        group.MapPost("/api/sagas/{id}/stuck/{node}/retry", SagaEndpoints.RetryStuck);
        group.MapPost("/api/sagas/{id}/stuck/{node}/skip", SagaEndpoints.SkipStuck);
        group.MapGet("/api/activities/{name}", TaskEndpoints.DescribeActivity);
        group.MapPost("/api/activities/{name}/poll", TaskEndpoints.Poll);
        group.MapPost("/api/tasks/success", TaskEndpoints.Success);
        group.MapPost("/api/tasks/failure", TaskEndpoints.Failure);
        group.MapPost("/api/tasks/heartbeat", TaskEndpoints.Heartbeat);
        group.MapSchedules();
        return group;
    }
}
