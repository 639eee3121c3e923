using OrleansSagas.Storage;

namespace OrleansSagas.Hosting;

/// <summary>Creates or migrates the saga tables before any grain activates.</summary>
internal sealed class SagaStorageInitializer(ISagaStorage storage) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SagaStorageInitializer), ServiceLifecycleStage.RuntimeInitialize, storage.InitializeAsync);
}
