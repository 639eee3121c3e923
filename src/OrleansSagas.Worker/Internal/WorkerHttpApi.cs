using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansSagas.Worker.Internal;

/// <summary>
/// The server's worker endpoints: long poll, success, failure, heartbeat. Transient failures (connection refused, timeout,
/// 429, 5xx) of polls and reports are retried with capped exponential backoff until they work or the caller gives up;
/// heartbeats are tried once (the next one follows soon).
/// </summary>
internal sealed class WorkerHttpApi(Func<HttpClient> http, SagaWorkerOptions options, TimeProvider time, WorkerLog log)
{
    // A base address must end with '/' or resolving "api/…" against it would drop its last path segment.
    private readonly Uri _server = options.ServerUrl!.AbsoluteUri.EndsWith('/') ? options.ServerUrl : new Uri(options.ServerUrl.AbsoluteUri + "/");

    /// <summary>Long-polls <paramref name="activity"/>; null when no task arrived during the wait. Retries until a poll is answered or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<ActivityTask?> PollAsync(string activity, int waitSeconds, CancellationToken cancellationToken)
    {
        var uri = new Uri(_server, $"api/activities/{Uri.EscapeDataString(activity)}/poll");
        var body = new PollBody(options.WorkerName, waitSeconds);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string reason;
            // The timeout alone bounds reading the body: once the server has handed out a task, stopping must not drop it.
            using var timeout = new CancellationTokenSource(options.RequestTimeout + TimeSpan.FromSeconds(waitSeconds), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body, options: WireJson.Options) };
                using var response = await http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NoContent) return null;
                if (response.IsSuccessStatusCode)
                {
                    var task = await response.Content.ReadFromJsonAsync<PollAnswer>(WireJson.Options, timeout.Token).ConfigureAwait(false);
                    if (task is { TaskToken: { Length: > 0 } token }) return new ActivityTask(token, task.Input);
                    reason = "the answer has no taskToken";
                }
                else
                {
                    var problem = await ReadProblemAsync(response, timeout.Token).ConfigureAwait(false);
                    reason = $"{(int)response.StatusCode} {problem.Error}: {problem.Detail}";
                    if (!IsTransient(response.StatusCode)) log.PollRefused(activity, reason);
                }
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                reason = e.Message;
            }
            catch (JsonException e)
            {
                reason = $"unreadable answer: {e.Message}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reason = "no answer in time";
            }
            log.PollRetrying(activity, attempt, reason);
            await Task.Delay(Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reports the task's output; retries transient failures until answered or <paramref name="cancellationToken"/> fires.</summary>
    public Task<TaskCallResult> SucceedAsync(string taskToken, JsonElement output, CancellationToken cancellationToken) =>
        SendWithRetriesAsync("api/tasks/success", new SuccessBody(taskToken, output), cancellationToken);

    /// <summary>Reports the task's failure; retries transient failures until answered or <paramref name="cancellationToken"/> fires.</summary>
    public Task<TaskCallResult> FailAsync(string taskToken, string error, string cause, CancellationToken cancellationToken) =>
        SendWithRetriesAsync("api/tasks/failure", new FailureBody(taskToken, Truncate(error, 256), Truncate(cause, 32_768)), cancellationToken);

    /// <summary>Sends one heartbeat, without retries.</summary>
    public Task<TaskCallResult> HeartbeatAsync(string taskToken, CancellationToken cancellationToken) =>
        SendOnceAsync("api/tasks/heartbeat", new HeartbeatBody(taskToken), cancellationToken);

    private async Task<TaskCallResult> SendWithRetriesAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await SendOnceAsync(path, body, cancellationToken).ConfigureAwait(false);
            if (result.Status != TaskCallStatus.Unreachable) return result;
            log.ReportRetrying(path, attempt, result.Detail ?? "");
            await Task.Delay(Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TaskCallResult> SendOnceAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server, path)) { Content = JsonContent.Create(body, options: WireJson.Options) };
            using var response = await http().SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return TaskCallResult.Accepted;
            var problem = await ReadProblemAsync(response, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (IsTransient(response.StatusCode)) return new TaskCallResult(TaskCallStatus.Unreachable, status, problem.Error, $"{status} {problem.Detail}");
            var notOwned = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.Gone
                || (response.StatusCode == HttpStatusCode.BadRequest && problem.Error == "InvalidToken");
            return new TaskCallResult(notOwned ? TaskCallStatus.NotOwned : TaskCallStatus.Rejected, status, problem.Error, problem.Detail);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new TaskCallResult(TaskCallStatus.Unreachable, Detail: e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TaskCallResult(TaskCallStatus.Unreachable, Detail: $"no answer within {options.RequestTimeout}");
        }
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    private TimeSpan Backoff(int attempt)
    {
        var ticks = options.RetryDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, options.MaxRetryDelay.Ticks));
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static async Task<(string? Error, string Detail)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = json.RootElement;
                var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                    : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                return (error, detail ?? response.ReasonPhrase ?? "");
            }
        }
        catch (JsonException)
        {
            // Not a problem document: fall back to the raw text below.
        }
        return (null, string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "" : text.Length > 200 ? text[..200] : text);
    }

    private sealed record PollBody(string WorkerName, int WaitSeconds);

    private sealed record PollAnswer(string? TaskToken, JsonElement Input);

    private sealed record SuccessBody(string TaskToken, JsonElement Output);

    private sealed record FailureBody(string TaskToken, string Error, string Cause);

    private sealed record HeartbeatBody(string TaskToken);
}
