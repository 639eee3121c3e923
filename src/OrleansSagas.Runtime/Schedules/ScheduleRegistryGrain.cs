using OrleansSagas.Hosting;

namespace OrleansSagas.Schedules;

/// <summary>The names of every schedule, persisted through grain storage so every silo lists the same ones.</summary>
internal sealed class ScheduleRegistryGrain(
    [PersistentState("schedules", SagaStorageNames.Default)] IPersistentState<ScheduleRegistryState> store) : Grain, IScheduleRegistryGrain
{
    public async Task AddAsync(string name)
    {
        if (!store.State.Names.Add(name)) return;
        await WriteAsync().ConfigureAwait(true);
    }

    public async Task RemoveAsync(string name)
    {
        if (!store.State.Names.Remove(name)) return;
        await WriteAsync().ConfigureAwait(true);
    }

    public Task<string[]> ListAsync() => Task.FromResult(store.State.Names.Order(StringComparer.Ordinal).ToArray());

    private async Task WriteAsync()
    {
        try
        {
            await store.WriteStateAsync().ConfigureAwait(true);
        }
        catch
        {
            // Another activation wrote first (or the write failed): reload on the next call rather than trust this copy.
            DeactivateOnIdle();
            throw;
        }
    }
}

/// <summary>The stored schedule names.</summary>
[GenerateSerializer]
[Alias("OrleansSagas.ScheduleRegistryState")]
internal sealed class ScheduleRegistryState
{
    [Id(0)] public HashSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}
