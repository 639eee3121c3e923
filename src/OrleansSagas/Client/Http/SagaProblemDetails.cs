namespace OrleansSagas.Client.Http;

/// <summary>
/// An error answer of the HTTP API (RFC 7807 problem details, media type <c>application/problem+json</c>).
/// The server writes it and the HTTP client reads it back into the <see cref="SagaException"/> family.
/// </summary>
/// <param name="Type">A URI naming the kind of problem; one of <see cref="SagaProblemTypes"/>.</param>
/// <param name="Title">A short summary of the kind of problem.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What went wrong with this request, in words.</param>
/// <param name="Field">The request field at fault (e.g. "input", "definition", "limit"), when there is one.</param>
/// <param name="Error">For a refused task token, the Step Functions style error: InvalidToken, TaskDoesNotExist, TaskTimedOut, TaskSuperseded or TaskAlreadyCompleted.</param>
/// <param name="Reason">For a refused task token, why exactly: malformed, forged, unknown, timedOut, superseded or alreadyCompleted.</param>
public sealed record SagaProblemDetails(string Type, string Title, int Status, string Detail, string? Field = null, string? Error = null, string? Reason = null);
