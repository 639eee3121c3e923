using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSagas.Tasks;

namespace OrleansSagas.Client.Http;

/// <summary>The worker API: activity polls and reports with task tokens, over HTTP.</summary>
public sealed partial class SagaHttpClient
{
    /// <inheritdoc />
    /// <remarks>Not retried on another gateway once a silo may have received it: its answer may hold a task.</remarks>
    public async Task<ActivityTask?> PollAsync(string activity, string workerName, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(activity)) throw new SagaInputException("activity", "The activity name must not be empty.");
        var body = new { workerName, waitSeconds = wait.TotalSeconds };
        using var response = await SendAsync(HttpMethod.Post, $"api/activities/{Uri.EscapeDataString(activity)}/poll",
            () => JsonContent.Create(body, options: SagaJson.Options), idempotent: false, extraTimeout: wait, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NoContent ? null : await ReadAsync<ActivityTask>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SendSuccessAsync(string taskToken, JsonElement output, CancellationToken cancellationToken = default)
    {
        var json = output.ValueKind == JsonValueKind.Undefined ? "null" : output.GetRawText();
        using var response = await ReportAsync("success", new { taskToken, output = SagaJson.Parse(json) }, idempotent: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SendFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default)
    {
        using var response = await ReportAsync("failure", new { taskToken, error, cause }, idempotent: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        using var response = await ReportAsync("heartbeat", new { taskToken }, idempotent: true, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> ReportAsync(string kind, object body, bool idempotent, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/tasks/{kind}", () => JsonContent.Create(body, options: SagaJson.Options), idempotent, cancellationToken: cancellationToken);
}
