using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace OrleansSagas.AdoNet.Common;

/// <summary>
/// Applies the embedded {Vendor}-{Number}-{Feature}.sql scripts a database has not seen yet, in number order (gaps allowed),
/// recording each in saga_schema_version, all in one transaction; refuses a database whose schema is newer than this build.
/// </summary>
internal static partial class SchemaMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS saga_schema_version (
            version     INTEGER NOT NULL PRIMARY KEY,
            description TEXT    NOT NULL,
            applied_at  TEXT    NOT NULL
        )
        """;

    /// <summary>The scripts of a vendor, ordered by number.</summary>
    public static IReadOnlyList<MigrationScript> Scripts(string vendor)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (match.Success && match.Groups["vendor"].Value == vendor)
            {
                var number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
                scripts.Add(new MigrationScript(number, match.Groups["feature"].Value, ReadResource(assembly, resource)));
            }
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        return scripts;
    }

    public static Task<int> MigrateAsync(AdoNetDatabase database, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        MigrateAsync(database.Vendor, database.LockMigration, connection, transaction, cancellationToken);

    /// <summary>
    /// Applies, in number order, every script of <paramref name="vendor"/> not yet recorded in saga_schema_version, inside
    /// <paramref name="transaction"/>, after running <paramref name="lockStatement"/> (if any) so concurrent migrations serialize.
    /// Numbers need not be contiguous, and a script merged later with a lower number than one already applied is still applied.
    /// </summary>
    /// <returns>The highest script number this build knows.</returns>
    public static async Task<int> MigrateAsync(string vendor, string? lockStatement, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (lockStatement is not null)
        {
            await connection.Command(lockStatement, transaction).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }

        await connection.Command(CreateVersionTable, transaction).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        var applied = (await connection.Command("SELECT version FROM saga_schema_version", transaction)
                .ListAsync(reader => Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false))
            .ToHashSet();
        var current = applied.Count == 0 ? 0 : applied.Max();

        var scripts = Scripts(vendor);
        var supported = scripts.Count == 0 ? 0 : scripts[^1].Version;
        if (current > supported)
        {
            throw new InvalidOperationException(
                $"Database schema version {current} is newer than this build supports ({supported}); upgrade OrleansSagas.");
        }

        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            await connection.Command(script.Sql, transaction).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            await connection.Command("INSERT INTO saga_schema_version (version, description, applied_at) VALUES (@version, @description, @appliedAt)", transaction)
                .With("@version", script.Version)
                .With("@description", script.Feature)
                .With("@appliedAt", TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }

        return supported;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded script '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.Scripts\.(?<vendor>[A-Za-z]+)-(?<number>\d+)-(?<feature>.+)\.sql$")]
    private static partial Regex ScriptName();
}

/// <summary>One embedded schema script.</summary>
internal sealed record MigrationScript(int Version, string Feature, string Sql);
