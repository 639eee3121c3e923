using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

/// <summary>A grain persisting one value in the "sagas" storage and owning reminders, to exercise the ADO.NET providers.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task<string?> GetValue();

    Task SetValue(string value);

    Task ClearValue();

    Task<Guid> GetActivation();

    Task Deactivate();

    Task AddReminder(string name, TimeSpan dueTime, TimeSpan period);

    Task<string?> GetReminderName(string name);

    Task<string[]> GetReminderNames();

    Task RemoveReminder(string name);
}

[GenerateSerializer]
public sealed class StorageProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}

public sealed class StorageProbeGrain([PersistentState("state", "sagas")] IPersistentState<StorageProbeState> state)
    : Grain, IStorageProbeGrain, IRemindable
{
    private readonly Guid activation = Guid.NewGuid();

    /// <summary>Reminder ticks received, by "grain key/reminder name", across activations and silos of this process.</summary>
    public static ConcurrentDictionary<string, int> Ticks { get; } = new();

    public Task<string?> GetValue() => Task.FromResult(state.State.Value);

    public async Task SetValue(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task ClearValue() => state.ClearStateAsync();

    public Task<Guid> GetActivation() => Task.FromResult(activation);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task AddReminder(string name, TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<string?> GetReminderName(string name) => (await this.GetReminder(name))?.ReminderName;

    public async Task<string[]> GetReminderNames() => (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToArray();

    public async Task RemoveReminder(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name}.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate($"{this.GetPrimaryKeyString()}/{reminderName}", 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
