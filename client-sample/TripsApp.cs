using System.Text.Json;
using OrleansSagas;
using OrleansSagas.Client;
using Orleans.Configuration;
using OrleansSagas.AdoNet;

namespace OrleansSagas.ClientSample;

/// <summary>
/// A trip-booking web app that runs no sagas itself: it is an Orleans client of the saga cluster and books trips by
/// grain calls through <see cref="ISagaClient"/>. It finds the silo's gateway on localhost (<c>Sagas:GatewayPort</c>,
/// default 30000), or every silo of a PostgreSQL cluster when <c>ConnectionStrings:Sagas</c> is set, and serves
/// http://127.0.0.1:5090.
/// </summary>
public static class TripsApp
{
    /// <summary>The saga definition every trip runs.</summary>
    public const string Definition = "travel-booking";

    /// <summary>Builds the app from command-line arguments and the usual configuration sources.</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5090");
        var cluster = builder.Configuration.GetConnectionString("Sagas");
        var gatewayPort = builder.Configuration.GetValue("Sagas:GatewayPort", 30000);
        var clusterId = builder.Configuration["Sagas:ClusterId"] ?? "orleans-sagas";
        builder.UseOrleansClient(client =>
        {
            if (string.IsNullOrWhiteSpace(cluster)) client.UseLocalhostClustering(gatewayPort, serviceId: clusterId, clusterId: clusterId);
            else client.UseSagasPostgreSqlClustering(cluster).Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
            // Keep trying while the cluster is not up yet, instead of failing the app's start.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
            client.AddOrleansSagasClient();
        });

        var app = builder.Build();
        app.MapPost("/trips", StartTripAsync);
        app.MapGet("/trips/{id}", GetTripAsync);
        app.MapPost("/trips/{id}/cancel", CancelTripAsync);
        return app;
    }

    private static async Task<IResult> StartTripAsync(JsonElement trip, ISagaClient sagas, CancellationToken cancellationToken)
    {
        if (trip.ValueKind != JsonValueKind.Object)
            return Problem(StatusCodes.Status400BadRequest, "The body must be a trip object: {\"customer\", \"amount\", \"from\", \"to\"}.", "body");
        return await CallAsync(async () =>
        {
            var started = await sagas.StartAsync(Definition, trip, cancellationToken: cancellationToken);
            var statusUrl = $"/trips/{Uri.EscapeDataString(started.Saga.Id)}";
            return Results.Accepted(statusUrl, new { tripId = started.Saga.Id, statusUrl });
        });
    }

    private static Task<IResult> GetTripAsync(string id, ISagaClient sagas, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var saga = await sagas.DescribeAsync(id, cancellationToken);
            return Results.Json(new
            {
                tripId = saga.Id,
                status = saga.Status,
                steps = saga.Steps,
                error = saga.Error,
                output = saga.Output,
            }, SagaJson.Options);
        });

    private static Task<IResult> CancelTripAsync(string id, ISagaClient sagas, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await sagas.CancelAsync(id, cancellationToken);
            return Results.Accepted($"/trips/{Uri.EscapeDataString(id)}");
        });

    /// <summary>Answers saga errors as problem details: unknown trip 404, bad trip 400/413, unknown definition 502, cluster unreachable 503.</summary>
    private static async Task<IResult> CallAsync(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (SagaNotFoundException e)
        {
            return Problem(StatusCodes.Status404NotFound, e.Message, "tripId");
        }
        catch (SagaInputException e)
        {
            return Problem(e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, e.Message, e.Field);
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, e.Message, null);
        }
        catch (SagaException e)
        {
            return Problem(StatusCodes.Status502BadGateway, e.Message, null);
        }
    }

    private static IResult Problem(int status, string detail, string? field) =>
        Results.Problem(detail: detail, statusCode: status, extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });
}
