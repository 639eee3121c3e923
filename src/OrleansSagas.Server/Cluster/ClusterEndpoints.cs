using Microsoft.AspNetCore.Http;
using OrleansSagas.Client;
using OrleansSagas.Cluster;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Runtime;

namespace OrleansSagas.Server.Cluster;

/// <summary>The receiving side of the node-to-node protocol: runs forwarded calls on this node's activations.</summary>
internal static class ClusterEndpoints
{
    public static async Task<IResult> Start(HttpContext http, ClusterInbox inbox)
    {
        var start = await ReadAsync<StartSaga>(http, typeof(StartSaga).Name).ConfigureAwait(false);
        if (start is null) return BadBody();
        try
        {
            return Results.Json(await inbox.StartAsync(start, http.RequestAborted).ConfigureAwait(false), SagaJson.Options);
        }
        catch (Exception e) when (ToError(e) is { } error)
        {
            return error;
        }
    }

    public static async Task<IResult> Deliver(HttpContext http, ClusterInbox inbox)
    {
        ForwardedMessage? forwarded;
        try
        {
            forwarded = await http.Request.ReadFromJsonAsync<ForwardedMessage>(SagaJson.Options, http.RequestAborted).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return BadBody();
        }
        if (forwarded is null || string.IsNullOrEmpty(forwarded.SagaId)) return BadBody();
        try
        {
            var message = ClusterMessageCodec.Decode(forwarded.Type, forwarded.Message);
            await inbox.DeliverAsync(forwarded.SagaId, message, http.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        }
        catch (ArgumentException e)
        {
            return Results.Json(new ForwardedError("input", e.Message, Field: "message"), SagaJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (Exception e) when (ToError(e) is { } error)
        {
            return error;
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpContext http, string type) where T : class
    {
        try
        {
            var body = await http.Request.ReadFromJsonAsync<System.Text.Json.JsonElement>(SagaJson.Options, http.RequestAborted).ConfigureAwait(false);
            return ClusterMessageCodec.Decode(type, body) as T;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static IResult BadBody() =>
        Results.Json(new ForwardedError("input", "The body is not a forwarded call.", Field: "body"), SagaJson.Options, statusCode: StatusCodes.Status400BadRequest);

    private static IResult? ToError(Exception exception)
    {
        var (status, error) = exception switch
        {
            SagaNotOwnedException e => (ClusterWire.NotOwnedStatus, new ForwardedError("notOwned", e.Message, e.SagaId, Partition: e.Partition)),
            SagaNotFoundException e => (StatusCodes.Status404NotFound, new ForwardedError("notFound", e.Message, e.SagaId)),
            DefinitionNotFoundException e => (StatusCodes.Status404NotFound, new ForwardedError("definitionNotFound", e.Message, e.Definition)),
            SagaConflictException e => (StatusCodes.Status409Conflict, new ForwardedError("conflict", e.Message, e.SagaId)),
            SagaInputException e => (StatusCodes.Status400BadRequest, new ForwardedError("input", e.Message, Field: e.Field, TooLarge: e.TooLarge)),
            _ => (0, null),
        };
        return error is null ? null : Results.Json(error, SagaJson.Options, statusCode: status);
    }
}
