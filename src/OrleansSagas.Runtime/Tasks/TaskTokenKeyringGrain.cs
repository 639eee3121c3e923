using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrleansSagas.Grains;
using OrleansSagas.Hosting;

namespace OrleansSagas.Tasks;

/// <summary>
/// Creates, rotates and retires the cluster's token keys. Rotation is safe: a new key only verifies at first; silos start
/// signing with it after <see cref="SagaRuntimeOptions.TaskTokenKeyPropagation"/>, and a key is retired only after
/// <see cref="SagaRuntimeOptions.TaskTokenKeyRetention"/>, longer than any task is expected to wait.
/// </summary>
internal sealed class TaskTokenKeyringGrain(
    [PersistentState("task-token-keys", SagaStorageNames.Default)] IPersistentState<TaskTokenKeyringState> store,
    IOptions<SagaRuntimeOptions> options, SagaClock clock) : Grain, ITaskTokenKeyringGrain
{
    public async Task<TaskTokenKey[]> GetKeysAsync()
    {
        var now = clock.GetUtcNow();
        var keys = store.State.Keys;
        var changed = keys.RemoveAll(k => k != keys[^1] && now - k.CreatedAt > options.Value.TaskTokenKeyRetention) > 0;
        if (keys.Count == 0 || now - keys[^1].CreatedAt > options.Value.TaskTokenKeyRotation)
        {
            AddKey(now);
            changed = true;
        }
        if (changed) await store.WriteStateAsync().ConfigureAwait(true);
        return [.. keys];
    }

    public async Task<TaskTokenKey[]> RotateAsync()
    {
        AddKey(clock.GetUtcNow());
        await store.WriteStateAsync().ConfigureAwait(true);
        return [.. store.State.Keys];
    }

    private void AddKey(DateTimeOffset now)
    {
        var keys = store.State.Keys;
        keys.Add(new TaskTokenKey(keys.Count == 0 ? 1 : keys[^1].Id + 1, RandomNumberGenerator.GetBytes(32), now));
    }
}
