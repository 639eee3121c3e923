using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace OrleansSagas.AdoNet.OrleansProviders;

/// <summary>
/// Migrates the database when the silo starts, at <see cref="Stage"/>: before membership and reminders
/// (<see cref="ServiceLifecycleStage.RuntimeGrainServices"/>) and grain storage
/// (<see cref="ServiceLifecycleStage.ApplicationServices"/>) read their queries from OrleansQuery.
/// A failed migration fails the start.
/// </summary>
internal sealed partial class SagaSchemaMigration(string database, Func<CancellationToken, Task<int>> migrate, ILogger<SagaSchemaMigration> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The silo lifecycle stage the migration runs in.</summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 100;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SagaSchemaMigration), Stage, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var version = await migrate(cancellationToken).ConfigureAwait(false);
        LogMigrated(logger, database, version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OrleansSagas schema of {Database} is at version {Version}.")]
    private static partial void LogMigrated(ILogger logger, string database, int version);
}
