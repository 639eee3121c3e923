namespace OrleansSagas.Schedules;

/// <summary>The names of every schedule of the cluster (one grain, key 0), persisted in grain storage.</summary>
internal interface IScheduleRegistryGrain : IGrainWithIntegerKey
{
    Task AddAsync(string name);

    Task RemoveAsync(string name);

    Task<string[]> ListAsync();
}
