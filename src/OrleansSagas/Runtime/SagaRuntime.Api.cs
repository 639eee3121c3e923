using System.Text.Json;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

public sealed partial class SagaRuntime
{
    /// <summary>Starts a saga of the latest version of <paramref name="definition"/>; idempotent per id.</summary>
    public async Task<SagaStartResult> StartAsync(string definition, JsonElement input, string? id = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(definition)) throw new SagaInputException("definition", "The field 'definition' is required.");
        var found = await Definitions.GetAsync(definition, null, cancellationToken).ConfigureAwait(false);
        return await StartAsync(found, id ?? Guid.NewGuid().ToString("N"), input, null, null).ConfigureAwait(false);
    }

    internal Task<SagaStartResult> StartAsync(ISagaDefinition definition, string id, JsonElement input, string? parentId, string? parentNode)
    {
        ValidateId(id);
        CheckPayload("input", input);
        var normalized = input.ValueKind == JsonValueKind.Undefined ? SagaJson.Parse("null") : input;
        if (!Owns(id) && RemoteStart is { } remote)
            return remote(new StartSaga(id, definition.Name, definition.Version, normalized, parentId, parentNode));
        return Call(id, actor => actor.StartAsync(definition, normalized, parentId, parentNode));
    }

    /// <summary>Describes a saga from its stored header (the state of its last committed decision).</summary>
    public async Task<SagaDescription> DescribeAsync(string id, CancellationToken cancellationToken = default)
    {
        var record = await Storage.Sagas.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new SagaNotFoundException(id);
        return SagaDescriptions.FromRecord(record);
    }

    /// <summary>Waits until the saga is terminal or <paramref name="maxWait"/> elapses (real time), then describes it.</summary>
    public async Task<SagaDescription> WaitAsync(string id, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var current = await DescribeAsync(id, cancellationToken).ConfigureAwait(false);
        if (current.Status.IsTerminal() || maxWait <= TimeSpan.Zero) return current;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(maxWait);
        try
        {
            if (Owns(id))
            {
                var terminal = await Call(id, async actor =>
                {
                    await actor.EnsureLoadedAsync().ConfigureAwait(false);
                    return actor.WhenTerminal();
                }).ConfigureAwait(false);
                await terminal.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            else
            {
                while (!(await DescribeAsync(id, timeout.Token).ConfigureAwait(false)).Status.IsTerminal())
                    await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // maxWait elapsed: report the saga as it is.
        }
        return await DescribeAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a signal; returns once it is durable in the saga's log.</summary>
    public Task SignalAsync(string id, string name, JsonElement payload, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SagaInputException("name", "The signal name is required.");
        CheckPayload("payload", payload);
        return Send(id, new SignalReceived(name, payload.ValueKind == JsonValueKind.Undefined ? SagaJson.Parse("null") : payload));
    }

    /// <summary>Requests cancellation; returns once the request is durable.</summary>
    public Task CancelAsync(string id, CancellationToken cancellationToken = default) => Send(id, new CancelSaga("Cancelled on request."));

    /// <summary>Runs the failed undo of a stuck saga again.</summary>
    public Task RetryStuckAsync(string id, string node) => Send(id, new RetryStuckUndo(node));

    /// <summary>Declares the failed undo of a stuck saga done by hand; unwinding continues.</summary>
    public Task SkipStuckAsync(string id, string node) => Send(id, new SkipStuckUndo(node));

    /// <summary>Delivers a message to a saga owned by this node; throws <see cref="SagaNotFoundException"/> for an unknown id.</summary>
    public async Task Send(string id, SagaMessage message)
    {
        if (!Owns(id) && RemoteDelivery is { } remote)
        {
            await remote(id, message).ConfigureAwait(false);
            return;
        }
        if (!await Call(id, actor => actor.HandleAsync(message)).ConfigureAwait(false))
            throw new SagaNotFoundException(id);
    }

    /// <summary>The saga's stored events, in order.</summary>
    public async Task<IReadOnlyList<SagaHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        _ = await Storage.Sagas.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new SagaNotFoundException(id);
        var events = await Storage.Sagas.ReadEventsAsync(id, 0, cancellationToken).ConfigureAwait(false);
        return [.. events.Select(SagaDescriptions.ToHistory)];
    }

    /// <summary>A page of sagas.</summary>
    public async Task<SagaListPage> ListAsync(SagaStatus? status, string? definition, int limit, string? after, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 1000) throw new SagaInputException("limit", $"The field 'limit' must be between 1 and 1000 (was {limit}).");
        var page = await Storage.Sagas.QueryAsync(new SagaQuery(status, definition, limit, after), cancellationToken).ConfigureAwait(false);
        return new SagaListPage([.. page.Items.Select(SagaDescriptions.FromRecord)], page.Next);
    }

    private static void ValidateId(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new SagaInputException("id", "The field 'id' must not be empty.");
        if (id.Length > 200) throw new SagaInputException("id", $"The field 'id' must be at most 200 characters (was {id.Length}).");
        if (id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new SagaInputException("id", "The field 'id' must not contain whitespace or control characters.");
    }

    private void CheckPayload(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined) return;
        var size = System.Text.Encoding.UTF8.GetByteCount(value.GetRawText());
        if (size > Options.PayloadLimitBytes)
            throw new SagaInputException(field, $"The field '{field}' is {size} bytes, over the limit of {Options.PayloadLimitBytes} bytes.", tooLarge: true);
    }
}
