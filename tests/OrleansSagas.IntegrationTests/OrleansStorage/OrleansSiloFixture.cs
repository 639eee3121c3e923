using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

/// <summary>One silo on a fresh database, shared by the tests of a class (each test uses its own grain keys).</summary>
public abstract class OrleansSiloFixture : IAsyncLifetime
{
    public string ClusterId { get; } = $"probe-{Guid.NewGuid():N}"[..20];

    public IHost Silo { get; private set; } = null!;

    public IGrainFactory Grains => Silo.Grains();

    /// <summary>The grain storage the probe grain uses, as the silo resolves it by name.</summary>
    public IGrainStorage Storage => Silo.Services.GetRequiredKeyedService<IGrainStorage>("sagas");

    /// <summary>A second storage on the same database, named "sagas-delete", configured to delete rows on clear.</summary>
    public IGrainStorage DeletingStorage => Silo.Services.GetRequiredKeyedService<IGrainStorage>(DeletingStorageName);

    public const string DeletingStorageName = "sagas-delete";

    public IReminderTable ReminderTable => Silo.Services.GetRequiredService<IReminderTable>();

    public async Task InitializeAsync() => Silo = await StartSiloAsync();

    public virtual async Task DisposeAsync() => await OrleansHosts.StopAsync(Silo);

    /// <summary>Runs one scalar query against the silo's database.</summary>
    public abstract Task<object?> ScalarAsync(string sql);

    protected abstract Task<IHost> StartSiloAsync();
}
