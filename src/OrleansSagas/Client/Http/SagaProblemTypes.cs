namespace OrleansSagas.Client.Http;

/// <summary>The <see cref="SagaProblemDetails.Type"/> values the HTTP API answers with.</summary>
public static class SagaProblemTypes
{
    private const string Prefix = "urn:orleanssagas:problem:";

    /// <summary>The request is malformed or a field is invalid (400).</summary>
    public const string InvalidRequest = Prefix + "invalid-request";

    /// <summary>The request or one of its fields exceeds the payload limit (413).</summary>
    public const string PayloadTooLarge = Prefix + "payload-too-large";

    /// <summary>No saga has the id (404).</summary>
    public const string SagaNotFound = Prefix + "saga-not-found";

    /// <summary>No definition has the name (404).</summary>
    public const string DefinitionNotFound = Prefix + "definition-not-found";

    /// <summary>A saga with the id exists with another definition or input (409).</summary>
    public const string Conflict = Prefix + "conflict";

    /// <summary>The node cannot serve the saga now, e.g. it does not own its partition (503); retry, possibly elsewhere.</summary>
    public const string Unavailable = Prefix + "unavailable";

    /// <summary>
    /// A task token was refused (400 malformed or forged, 404 unknown, 409 superseded or already completed, 410 timed out);
    /// <see cref="SagaProblemDetails.Error"/> and <see cref="SagaProblemDetails.Reason"/> say which.
    /// </summary>
    public const string TaskToken = Prefix + "task-token";
    /// <summary>No schedule has the name (404).</summary>
    public const string ScheduleNotFound = Prefix + "schedule-not-found";

    /// <summary>An unexpected server error (500).</summary>
    public const string Internal = Prefix + "internal-error";
}
