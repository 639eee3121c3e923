using Microsoft.Extensions.DependencyInjection;

namespace OrleansSagas.Grains;

/// <summary>
/// The clock of sagas: the one Orleans' grain timers run on (the keyed <see cref="TimeProvider"/> of the grains
/// subsystem when one is registered), so a fake clock in tests drives timestamps and timers alike.
/// </summary>
internal sealed class SagaClock(IServiceProvider services)
{
    private readonly TimeProvider _time = services.GetKeyedService<TimeProvider>(TimeProviderNames.Grains)
        ?? services.GetService<TimeProvider>() ?? TimeProvider.System;

    public DateTimeOffset GetUtcNow() => _time.GetUtcNow();
}
