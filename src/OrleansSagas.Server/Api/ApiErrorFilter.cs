using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSagas.Client;
using OrleansSagas.Client.Http;
using OrleansSagas.Schedules;

namespace OrleansSagas.Server.Api;

/// <summary>Answers every error of the API as problem details naming the field at fault.</summary>
internal static class ApiErrorFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads the answer.
            return Results.Empty;
        }
        catch (Exception e)
        {
            return ToResult(e, context.HttpContext);
        }
    }

    public static IResult ToResult(Exception exception, HttpContext http)
    {
        switch (exception)
        {
            case SagaInputException { TooLarge: true } e:
                return ApiResults.TooLarge(e.Field, e.Message);
            case SagaInputException e:
                return ApiResults.BadRequest(e.Field, e.Message);
            case Tasks.TaskTokenException e:
                var status = e.Rejection switch
                {
                    Tasks.TaskTokenRejection.Malformed or Tasks.TaskTokenRejection.Forged => StatusCodes.Status400BadRequest,
                    Tasks.TaskTokenRejection.Unknown => StatusCodes.Status404NotFound,
                    Tasks.TaskTokenRejection.TimedOut => StatusCodes.Status410Gone,
                    _ => StatusCodes.Status409Conflict,
                };
                return Results.Json(new SagaProblemDetails(SagaProblemTypes.TaskToken, "Task token refused", status, e.Message, "taskToken",
                    e.ErrorCode, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Rejection.ToString())), ApiJson.Options, ApiResults.ProblemContentType, status);
            case ScheduleSpecException e:
                return ScheduleEndpoints.Problems(e.Problems);
            case ScheduleNotFoundException e:
                return ApiResults.Problem(StatusCodes.Status404NotFound, SagaProblemTypes.ScheduleNotFound, "Schedule not found", e.Message, "name");
            case SagaNotFoundException e:
                return ApiResults.Problem(StatusCodes.Status404NotFound, SagaProblemTypes.SagaNotFound, "Saga not found", e.Message, "id");
            case DefinitionNotFoundException e:
                return ApiResults.Problem(StatusCodes.Status404NotFound, SagaProblemTypes.DefinitionNotFound, "Definition not found", e.Message, "definition");
            case SagaConflictException e:
                return ApiResults.Problem(StatusCodes.Status409Conflict, SagaProblemTypes.Conflict, "Conflict", e.Message, "id");
            // A rejected write (another activation wrote first) had no effect at all: retrying is safe.
            case SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or Orleans.Storage.InconsistentStateException:
            case InvalidOperationException when exception.Message.Contains("another activation", StringComparison.Ordinal):
                http.Response.Headers.RetryAfter = "1";
                return ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, SagaProblemTypes.Unavailable, "Temporarily unavailable",
                    $"The cluster could not serve the request now; retry it: {exception.Message}");
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e:
                return ApiResults.TooLarge("body", e.Message);
            case BadHttpRequestException e:
                return ApiResults.Problem(e.StatusCode, SagaProblemTypes.InvalidRequest, "Invalid request", e.Message, "body");
            default:
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansSagas.Server.Api");
                ServerLog.RequestFailed(logger, http.Request.Method, http.Request.Path, exception);
                return ApiResults.Problem(StatusCodes.Status500InternalServerError, SagaProblemTypes.Internal, "Internal error",
                    $"The node failed to process the request: {exception.Message}");
        }
    }
}
