using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSagas.Engine;
using OrleansSagas.Schedules;

namespace OrleansSagas.Client.Http;

public sealed partial class SagaHttpClient
{
    /// <inheritdoc />
    /// <remarks>A put is idempotent (the same definition twice changes nothing), so it is retried like a read.</remarks>
    public async Task<SchedulePutResult> PutScheduleAsync(string name, ScheduleSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var response = await SendScheduleAsync(HttpMethod.Put, SchedulePath(name), () => JsonContent.Create(spec, options: SagaJson.Options), name, cancellationToken).ConfigureAwait(false);
        var schedule = await ReadAsync<ScheduleDescription>(response, cancellationToken).ConfigureAwait(false);
        return new SchedulePutResult(schedule, response.StatusCode == HttpStatusCode.Created);
    }

    /// <inheritdoc />
    public async Task<ScheduleDescription> DescribeScheduleAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendScheduleAsync(HttpMethod.Get, SchedulePath(name), null, name, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ScheduleDescription>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduleDescription>> ListSchedulesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendScheduleAsync(HttpMethod.Get, "api/schedules", null, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<ScheduleDescription>>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteScheduleAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendScheduleAsync(HttpMethod.Delete, SchedulePath(name), null, name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ScheduleDescription> PauseScheduleAsync(string name, string? note = null, CancellationToken cancellationToken = default) =>
        ChangeScheduleAsync(name, "pause", note, cancellationToken);

    /// <inheritdoc />
    public Task<ScheduleDescription> ResumeScheduleAsync(string name, string? note = null, CancellationToken cancellationToken = default) =>
        ChangeScheduleAsync(name, "resume", note, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Each trigger starts a new run, so a trigger is sent once and not retried after an ambiguous failure.</remarks>
    public async Task<ScheduleRun> TriggerScheduleAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendScheduleAsync(HttpMethod.Post, $"{SchedulePath(name)}/trigger", null, name, cancellationToken, idempotent: false).ConfigureAwait(false);
        return await ReadAsync<ScheduleRun>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SagaListPage> ListScheduleSagasAsync(string schedule, SagaStatus? status = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { $"schedule={Uri.EscapeDataString(schedule)}", $"limit={limit.ToString(CultureInfo.InvariantCulture)}" };
        if (status is { } s) query.Add($"status={s}");
        if (after is not null) query.Add($"after={Uri.EscapeDataString(after)}");
        using var response = await SendScheduleAsync(HttpMethod.Get, "api/sagas?" + string.Join('&', query), null, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<SagaListPage>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ScheduleDescription> ChangeScheduleAsync(string name, string action, string? note, CancellationToken cancellationToken)
    {
        var path = $"{SchedulePath(name)}/{action}" + (note is null ? "" : $"?note={Uri.EscapeDataString(note)}");
        using var response = await SendScheduleAsync(HttpMethod.Post, path, null, name, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ScheduleDescription>(response, cancellationToken).ConfigureAwait(false);
    }

    private static string SchedulePath(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SagaInputException("name", "The schedule name must not be empty.");
        return $"api/schedules/{Uri.EscapeDataString(name)}";
    }

    private async Task<HttpResponseMessage> SendScheduleAsync(HttpMethod method, string path, Func<HttpContent>? content, string? name,
        CancellationToken cancellationToken, bool idempotent = true)
    {
        var response = await _transport.SendAsync(gateway => new HttpRequestMessage(method, new Uri(gateway, path)) { Content = content?.Invoke() },
            idempotent, default, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (ScheduleError(body, name) is { } error) throw error;
                response.Content = new StringContent(body, System.Text.Encoding.UTF8, response.Content.Headers.ContentType?.MediaType ?? "application/json");
            }
            throw await SagaProblemMapper.ToExceptionAsync(response, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The schedule errors of a problem answer: every listed problem of a refused definition, or an unknown name.</summary>
    private static SagaException? ScheduleError(string body, string? name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == SagaProblemTypes.ScheduleNotFound)
                return new ScheduleNotFoundException(name ?? "");
            if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array) return null;
            var problems = errors.EnumerateArray()
                .Select(e => new ScheduleProblem(e.TryGetProperty("field", out var f) ? f.GetString() ?? "body" : "body", e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : ""))
                .ToList();
            return problems.Count == 0 ? null : new ScheduleSpecException(problems);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
