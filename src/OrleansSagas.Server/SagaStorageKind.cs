namespace OrleansSagas.Server;

/// <summary>Where a silo keeps saga state, reminders and the catalog (setting <c>Sagas:Storage</c>).</summary>
public enum SagaStorageKind
{
    /// <summary>A SQLite file (<c>Sagas:SqlitePath</c>) with localhost clustering: one silo, zero set-up. The default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>ConnectionStrings:Sagas</c>): grain storage, reminders and membership of a cluster.</summary>
    PostgreSql,

    /// <summary>Memory only, one silo: everything is lost when the process ends. For tests and demos.</summary>
    InMemory,
}
