namespace OrleansSagas.Server;

/// <summary>Which storage provider a node uses (setting <c>Sagas:Storage</c>).</summary>
public enum SagaStorageKind
{
    /// <summary>A SQLite file (<c>Sagas:SqlitePath</c>): one node, zero set-up. The default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>ConnectionStrings:Sagas</c>): what a cluster shares.</summary>
    PostgreSql,

    /// <summary>Memory only: everything is lost when the process ends. For tests and demos.</summary>
    InMemory,
}
