using Microsoft.AspNetCore.Http;
using OrleansSagas.Client.Http;

namespace OrleansSagas.Server.Api;

/// <summary>JSON and problem-details results of the API.</summary>
internal static class ApiResults
{
    public const string ProblemContentType = "application/problem+json";

    public static IResult Json<T>(T value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, ApiJson.Options, statusCode: status);

    public static IResult Problem(int status, string type, string title, string detail, string? field = null) =>
        Results.Json(new SagaProblemDetails(type, title, status, detail, field), ApiJson.Options, ProblemContentType, status);

    public static IResult BadRequest(string field, string detail) =>
        Problem(StatusCodes.Status400BadRequest, SagaProblemTypes.InvalidRequest, "Invalid request", detail, field);

    public static IResult TooLarge(string field, string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, SagaProblemTypes.PayloadTooLarge, "Payload too large", detail, field);
}
