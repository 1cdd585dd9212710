using Npgsql;

namespace Slurp.Storage.Postgres;

/// <summary>
/// Creates, upgrades and checks the PostgreSQL profile's schema — the <c>OrleansQuery</c> catalogue, the
/// tables behind Orleans' ADO.NET clustering, persistence and reminders, and SLURP's own tables — from the
/// scripts in <c>sql/</c>, which are embedded in this assembly. See <c>sql/README.md</c>.
/// </summary>
public static class PostgresSchema
{
    // pg_advisory_xact_lock key, "SLURPSCH" in ASCII: held for the whole apply, so silos that start
    // together take turns and the later ones find the schema already current.
    internal const long SchemaLockKey = 0x534C_5552_5053_4348;

    /// <summary>
    /// The schema version this code works with: 1 (the baseline) or, once <c>sql/Migrations/</c> has
    /// scripts, the version the newest of them produces.
    /// </summary>
    public static int ExpectedVersion => SchemaScripts.Current.ExpectedVersion;

    /// <summary>
    /// Brings the database's schema to <see cref="ExpectedVersion"/>, all or nothing: in one transaction under
    /// an advisory lock, it runs the baseline scripts on a database without a SLURP schema, or the missing
    /// migrations on an older one, and records the version in <c>slurp_schema_version</c>. On a current
    /// database it changes nothing, so every silo may call it at start-up.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string for a UTF8 database the user may create tables in.</param>
    /// <param name="cancellationToken">Cancels the apply; scripts have no time limit of their own.</param>
    /// <returns>The versions before and after and the scripts that ran.</returns>
    /// <exception cref="PostgresSchemaException">The server is unreachable or refused the session, the database's
    /// schema is newer than this code (<see cref="SchemaProblem.TooNew"/>), or a script failed
    /// (<see cref="SchemaProblem.ScriptFailed"/>; nothing was applied).</exception>
    public static Task<SchemaReport> ApplyAsync(string connectionString, CancellationToken cancellationToken) =>
        ApplyAsync(connectionString, SchemaScripts.Current, cancellationToken);

    /// <summary><see cref="ApplyAsync(string, CancellationToken)"/> with another script set (tests of the upgrade path).</summary>
    internal static async Task<SchemaReport> ApplyAsync(string connectionString, SchemaScripts scripts, CancellationToken cancellationToken)
    {
        var target = Target.Parse(connectionString);

        await using var connection = await OpenAsync(connectionString, target, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var takeLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            takeLock.CommandTimeout = 0;
            takeLock.Parameters.AddWithValue("key", SchemaLockKey);
            await takeLock.ExecuteNonQueryAsync(cancellationToken);
        }

        var previous = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (previous > scripts.ExpectedVersion)
        {
            throw SchemaErrors.TooNew(previous.Value, scripts.ExpectedVersion);
        }

        List<string> applied = [];
        if (previous is null)
        {
            // The baseline files always describe the newest schema, so a new database skips the migrations.
            foreach (var script in scripts.Baseline)
            {
                await RunAsync(connection, transaction, script, cancellationToken);
                applied.Add(script.Name);
            }

            await RecordAsync(connection, transaction, scripts.ExpectedVersion, $"baseline: {string.Join(", ", applied)}", cancellationToken);
        }
        else
        {
            foreach (var migration in scripts.Migrations.Where(m => m.Version > previous))
            {
                await RunAsync(connection, transaction, migration.Script, cancellationToken);
                await RecordAsync(connection, transaction, migration.Version, migration.Script.Name, cancellationToken);
                applied.Add(migration.Script.Name);
            }
        }

        var unread = previous is null ? 0 : await CountUnreadContextRowsAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SchemaReport(previous, scripts.ExpectedVersion, applied) { UnreadContextRows = unread };
    }

    private static async Task<long> CountUnreadContextRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Version 1 kept context nodes (state "node") and the project directory (state "projects") in the Orleans table.
        await using var command = new NpgsqlCommand(
            """
            SELECT CASE WHEN to_regclass('orleans_grain_state') IS NULL THEN 0
                        ELSE (SELECT count(*) FROM orleans_grain_state WHERE grain_type IN ('node', 'projects') AND payload IS NOT NULL)
                   END
            """,
            connection,
            transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Reads the database's schema version without changing anything.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The current and expected versions; <see cref="SchemaStatus.EnsureCurrent"/> turns a mismatch into an exception that says what to run.</returns>
    /// <exception cref="PostgresSchemaException">The server is unreachable or refused the session.</exception>
    public static Task<SchemaStatus> CheckAsync(string connectionString, CancellationToken cancellationToken) =>
        CheckAsync(connectionString, SchemaScripts.Current, cancellationToken);

    /// <summary><see cref="CheckAsync(string, CancellationToken)"/> against another script set (tests of the upgrade path).</summary>
    internal static async Task<SchemaStatus> CheckAsync(string connectionString, SchemaScripts scripts, CancellationToken cancellationToken)
    {
        var target = Target.Parse(connectionString);
        await using var connection = await OpenAsync(connectionString, target, cancellationToken);
        var current = await ReadVersionAsync(connection, transaction: null, cancellationToken);
        return new SchemaStatus(target.Endpoint, target.Database, current, scripts.ExpectedVersion);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, Target target, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (PostgresException e)
        {
            await connection.DisposeAsync();
            throw SchemaErrors.Rejected(target.Endpoint, e);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw SchemaErrors.Unreachable(target.Endpoint, e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The highest recorded version, or <see langword="null"/> when there is no SLURP schema.</summary>
    private static async Task<int?> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        // Two statements: a query naming a table that does not exist fails when parsed, whatever its CASE says.
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('slurp_schema_version') IS NOT NULL", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        await using var read = new NpgsqlCommand("SELECT max(version) FROM slurp_schema_version", connection, transaction);
        return await read.ExecuteScalarAsync(cancellationToken) is int version ? version : null;
    }

    private static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(script.Text, connection, transaction) { CommandTimeout = 0 };
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw SchemaErrors.ScriptFailed(script.Name, e);
        }
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int version, string description, CancellationToken cancellationToken)
    {
        await using var record = new NpgsqlCommand(
            "INSERT INTO slurp_schema_version (version, applied_at, description) VALUES (@version, now(), @description)",
            connection,
            transaction);
        record.Parameters.AddWithValue("version", version);
        record.Parameters.AddWithValue("description", description);
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Where a connection string points, for messages: never the credentials.</summary>
    private readonly record struct Target(string Endpoint, string Database)
    {
        public static Target Parse(string connectionString)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
            // PostgreSQL's default database is the user's name.
            var database = builder.Database ?? builder.Username ?? "(default)";
            return new Target($"{host}:{builder.Port}", database);
        }
    }
}
