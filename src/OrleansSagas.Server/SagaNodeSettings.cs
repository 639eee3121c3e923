using Microsoft.Extensions.Configuration;
using OrleansSagas.Hosting;

namespace OrleansSagas.Server;

/// <summary>
/// The silo settings read from configuration besides <see cref="SagaRuntimeOptions"/> (which binds the same
/// section): which storage to use and where it is, the Orleans ports and cluster identity. Read and validated once,
/// when the silo is configured.
/// </summary>
public sealed class SagaNodeSettings
{
    /// <summary>The configuration section of the node: <c>Sagas</c>.</summary>
    public const string SectionName = "Sagas";

    /// <summary>The connection string name of the PostgreSQL database: <c>ConnectionStrings:Sagas</c>.</summary>
    public const string ConnectionStringName = "Sagas";

    /// <summary>The default of <see cref="SqlitePath"/>, relative to the working directory.</summary>
    public const string DefaultSqlitePath = "data/sagas.db";

    /// <summary><c>Sagas:Storage</c>: the storage provider. Default <see cref="SagaStorageKind.Sqlite"/>.</summary>
    public SagaStorageKind Storage { get; init; } = SagaStorageKind.Sqlite;

    /// <summary><c>Sagas:SqlitePath</c>: the SQLite file, created with its folder when missing. Default <c>data/sagas.db</c>.</summary>
    public string SqlitePath { get; init; } = DefaultSqlitePath;

    /// <summary><c>ConnectionStrings:Sagas</c>: the PostgreSQL connection string; required when <see cref="Storage"/> is PostgreSql.</summary>
    public string? PostgreSqlConnectionString { get; init; }

    /// <summary><c>Sagas:SiloPort</c>: the port silos talk to each other on. Default 11111.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary><c>Sagas:GatewayPort</c>: the port Orleans clients connect to. Default 30000.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary><c>Sagas:ClusterId</c>: the Orleans cluster id; silos and clients of one cluster share it. Default <c>orleans-sagas</c>.</summary>
    public string ClusterId { get; init; } = DefaultClusterId;

    /// <summary><c>Sagas:ServiceId</c>: the Orleans service id; keeps grain state and reminders across cluster versions. Default <c>orleans-sagas</c>.</summary>
    public string ServiceId { get; init; } = DefaultClusterId;

    /// <summary>The default of <see cref="ClusterId"/> and <see cref="ServiceId"/>.</summary>
    public const string DefaultClusterId = "orleans-sagas";

    /// <summary>The runtime options as configuration sets them (code may still change them).</summary>
    public SagaRuntimeOptions Runtime { get; init; } = new();

    /// <summary>Reads and validates the node settings.</summary>
    /// <exception cref="SagaConfigurationException">A setting is invalid; the message names it.</exception>
    public static SagaNodeSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var storageText = section["Storage"];
        var storage = SagaStorageKind.Sqlite;
        if (!string.IsNullOrWhiteSpace(storageText)
            && (!Enum.TryParse(storageText.Trim(), ignoreCase: true, out storage) || !Enum.IsDefined(storage) || char.IsAsciiDigit(storageText.Trim()[0])))
        {
            throw new SagaConfigurationException("Sagas:Storage",
                $"Sagas:Storage must be one of {string.Join(", ", Enum.GetNames<SagaStorageKind>())} (was '{storageText}').");
        }

        var sqlitePath = section["SqlitePath"] ?? DefaultSqlitePath;
        if (storage == SagaStorageKind.Sqlite && string.IsNullOrWhiteSpace(sqlitePath))
            throw new SagaConfigurationException("Sagas:SqlitePath", "Sagas:SqlitePath must not be empty when Sagas:Storage is Sqlite.");

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (storage == SagaStorageKind.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
            throw new SagaConfigurationException("ConnectionStrings:Sagas",
                "ConnectionStrings:Sagas is required when Sagas:Storage is PostgreSql (e.g. Host=localhost;Database=sagas;Username=sagas;Password=…).");

        return new SagaNodeSettings
        {
            Storage = storage,
            SqlitePath = sqlitePath,
            PostgreSqlConnectionString = connectionString,
            SiloPort = ReadPort(section, "SiloPort", 11111),
            GatewayPort = ReadPort(section, "GatewayPort", 30000),
            ClusterId = ReadName(section, "ClusterId"),
            ServiceId = ReadName(section, "ServiceId"),
            Runtime = ReadRuntimeOptions(section),
        };
    }

    private static int ReadPort(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new SagaConfigurationException($"{SectionName}:{key}", $"{SectionName}:{key} must be a port number from 1 to 65535 (was '{text}').");
        return port;
    }

    private static string ReadName(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null) return DefaultClusterId;
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsWhiteSpace))
            throw new SagaConfigurationException($"{SectionName}:{key}", $"{SectionName}:{key} must be a non-empty name without spaces (was '{text}').");
        return text;
    }

    private static SagaRuntimeOptions ReadRuntimeOptions(IConfigurationSection section)
    {
        var options = new SagaRuntimeOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key: "Failed to convert configuration value 'many' at 'Sagas:PartitionCount' to type 'System.Int32'".
            var at = e.Message.IndexOf(" at '", StringComparison.Ordinal);
            var key = at < 0 ? SectionName : e.Message[(at + 5)..e.Message.IndexOf('\'', at + 5)];
            throw new SagaConfigurationException(key, $"{key} has an invalid value: {e.Message}", e);
        }
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new SagaConfigurationException($"{SectionName}:{e.ParamName}", e.Message.Split(" (Parameter")[0], e);
        }
        return options;
    }
}
