using OrleansSagas.Engine;
using OrleansSagas.Schedules;

namespace OrleansSagas.Client;

public sealed partial class GrainSagaClient
{
    /// <inheritdoc />
    public Task<SchedulePutResult> PutScheduleAsync(string name, ScheduleSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Schedule(name).PutAsync(spec);
    }

    /// <inheritdoc />
    public Task<ScheduleDescription> DescribeScheduleAsync(string name, CancellationToken cancellationToken = default) => Schedule(name).DescribeAsync();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduleDescription>> ListSchedulesAsync(CancellationToken cancellationToken = default)
    {
        var names = await grains.GetGrain<IScheduleRegistryGrain>(0).ListAsync().ConfigureAwait(false);
        var schedules = await Task.WhenAll(names.Select(async name =>
        {
            try
            {
                return await Schedule(name).DescribeAsync().ConfigureAwait(false);
            }
            catch (ScheduleNotFoundException)
            {
                // Deleted between the two calls.
                return null;
            }
        })).ConfigureAwait(false);
        return [.. schedules.OfType<ScheduleDescription>().OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public Task DeleteScheduleAsync(string name, CancellationToken cancellationToken = default) => Schedule(name).DeleteAsync();

    /// <inheritdoc />
    public Task<ScheduleDescription> PauseScheduleAsync(string name, string? note = null, CancellationToken cancellationToken = default) => Schedule(name).PauseAsync(note);

    /// <inheritdoc />
    public Task<ScheduleDescription> ResumeScheduleAsync(string name, string? note = null, CancellationToken cancellationToken = default) => Schedule(name).ResumeAsync(note);

    /// <inheritdoc />
    public Task<ScheduleRun> TriggerScheduleAsync(string name, CancellationToken cancellationToken = default) => Schedule(name).TriggerAsync();

    /// <inheritdoc />
    /// <remarks>Ids are ordered ordinally in the catalog, so the sagas of one schedule (one id prefix) are one contiguous range.</remarks>
    public async Task<SagaListPage> ListScheduleSagasAsync(string schedule, SagaStatus? status = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(schedule)) throw new SagaInputException("schedule", "The field 'schedule' must not be empty.");
        var prefix = ScheduleIds.Prefix(schedule);
        var from = after is null || string.CompareOrdinal(after, prefix) < 0 ? prefix : after;
        var page = await ListAsync(status, null, limit, from, cancellationToken).ConfigureAwait(false);
        var items = page.Items.TakeWhile(s => s.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return new SagaListPage(items, items.Count == page.Items.Count ? page.Next : null);
    }

    private IScheduleGrain Schedule(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SagaInputException("name", "The schedule name must not be empty.");
        return grains.GetGrain<IScheduleGrain>(name);
    }
}
