using Microsoft.Extensions.Options;
using OrleansSagas.Grains;
using OrleansSagas.Hosting;

namespace OrleansSagas.Tasks;

/// <summary>
/// Signs and verifies task tokens on a silo with the keys the keyring grain keeps. Keys are cached: a token verifies
/// without a lookup; only a token naming a key this silo has not seen yet (just rotated) reloads the keyring.
/// </summary>
internal sealed class TaskTokens(IGrainFactory grains, IOptions<SagaRuntimeOptions> options, SagaClock clock) : ITaskTokenIssuer
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MissReloadInterval = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile TaskTokenKey[] _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _missReloadAt = DateTimeOffset.MinValue;
    private int _refreshing;

    /// <summary>True once keys are loaded, so tokens can be issued.</summary>
    public bool IsLoaded => _keys.Length > 0;

    /// <summary>
    /// Loads the keys if never loaded. Keys older than a minute are refreshed in the background: a decision never waits
    /// for the keyring (whose silo may just have died) once this silo has keys.
    /// </summary>
    public Task EnsureLoadedAsync()
    {
        if (!IsLoaded) return LoadAsync(force: false);
        if (clock.GetUtcNow() - _loadedAt >= RefreshInterval && Interlocked.Exchange(ref _refreshing, 1) == 0) _ = RefreshAsync();
        return Task.CompletedTask;
    }

    /// <summary>The token of <paramref name="claims"/>, signed with the newest key every silo knows by now.</summary>
    /// <exception cref="InvalidOperationException">Keys were never loaded (await <see cref="EnsureLoadedAsync"/> first).</exception>
    public string Issue(TaskTokenClaims claims)
    {
        var keys = _keys;
        if (keys.Length == 0) throw new InvalidOperationException("Task token keys are not loaded yet.");
        var settled = clock.GetUtcNow() - options.Value.TaskTokenKeyPropagation;
        var key = keys.LastOrDefault(k => k.CreatedAt <= settled) ?? keys[0];
        return TaskTokenCodec.Encode(key, claims);
    }

    /// <inheritdoc />
    public string Issue(string sagaId, string node, int attempt) => Issue(new TaskTokenClaims(sagaId, node, attempt));

    /// <summary>The claims of a genuine token.</summary>
    /// <exception cref="TaskTokenException">Malformed or forged.</exception>
    public async Task<TaskTokenClaims> VerifyAsync(string? token)
    {
        var keyId = TaskTokenCodec.KeyIdOf(token);
        await EnsureLoadedAsync().ConfigureAwait(false);
        if (!_keys.Any(k => k.Id == keyId) && keyId > _keys[^1].Id && clock.GetUtcNow() >= _missReloadAt)
        {
            // A key newer than ours: another silo rotated. Reload, but not for every forged token.
            _missReloadAt = clock.GetUtcNow() + MissReloadInterval;
            await LoadAsync(force: true).ConfigureAwait(false);
        }
        var keys = _keys;
        return TaskTokenCodec.Decode(token, id => Array.Find(keys, k => k.Id == id));
    }

    private async Task RefreshAsync()
    {
        try
        {
            await LoadAsync(force: false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The cached keys still sign and verify; the next decision after a minute tries again.
            _loadedAt = clock.GetUtcNow();
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task LoadAsync(bool force)
    {
        var loadedBefore = _loadedAt;
        await _loading.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!force && _loadedAt != loadedBefore && IsLoaded) return;
            _keys = await grains.GetGrain<ITaskTokenKeyringGrain>(0).GetKeysAsync().ConfigureAwait(false);
            _loadedAt = clock.GetUtcNow();
        }
        finally
        {
            _loading.Release();
        }
    }
}
