using System.Security.Cryptography;
using Npgsql;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>
/// A fresh, empty UTF8 database <c>slurp_cluster_&lt;random&gt;</c> for one test class's cluster, dropped (with the
/// sessions still open on it) on dispose. Also reads the cluster's tables the tests assert on.
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private ClusterDatabase(string serverConnectionString, string name)
    {
        // The test's own connections are unpooled: a server restart leaves no dead connection behind for them.
        _serverConnectionString = Unpooled(serverConnectionString, database: null);
        Name = name;
        ConnectionString = Unpooled(serverConnectionString, name);
        // The silos get the server's string as given (pooled by default, as in production), on this database.
        SiloConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>For the test's own queries on this database.</summary>
    public string ConnectionString { get; }

    /// <summary>What the silos and <c>db init</c> are given as <c>ConnectionStrings:Slurp</c>.</summary>
    public string SiloConnectionString { get; }

    public static async Task<ClusterDatabase> CreateAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        var name = $"slurp_cluster_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        await using var connection = new NpgsqlConnection(Unpooled(serverConnectionString, database: null));
        await connection.OpenAsync(cancellationToken);
        // template0, so the encoding can be chosen whatever the server's default is.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new ClusterDatabase(serverConnectionString, name);
    }

    /// <summary>
    /// The membership status (Orleans' SiloStatus: 3 Active, 6 Dead) of the newest incarnation of the silo on
    /// <paramref name="siloPort"/>, from <c>orleans_cluster_member</c> (sql/PostgreSQL-Clustering.sql); null when it has no row.
    /// </summary>
    public async Task<int?> SiloStatusAsync(int siloPort, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT status FROM orleans_cluster_member WHERE address = '127.0.0.1' AND port = $1 ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue(siloPort);
        return await command.ExecuteScalarAsync(cancellationToken) is int status ? status : null;
    }

    private static string Unpooled(string connectionString, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (database is not null)
        {
            builder.Database = database;
        }

        return builder.ConnectionString;
    }

    /// <summary>Sets a parameter for every session opened on this database from now on (<c>ALTER DATABASE … SET</c>).</summary>
    public async Task SetForNewSessionsAsync(string parameter, string value, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"ALTER DATABASE {Name} SET {parameter} = '{value}'", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Takes <c>ACCESS EXCLUSIVE</c> on <paramref name="table"/> in an open transaction: every other statement on the
    /// table waits (and, with a <c>lock_timeout</c>, fails with 55P03) until the returned handle is disposed.
    /// </summary>
    public async Task<IAsyncDisposable> LockExclusivelyAsync(string table, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var wait = new NpgsqlCommand("SET LOCAL lock_timeout = '10s'", connection, transaction))
        {
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new TableLock(connection, transaction);
    }

    private sealed class TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>The grain ids that have a reminder row in <c>orleans_reminder</c> (sql/PostgreSQL-Reminders.sql).</summary>
    public async Task<IReadOnlyList<string>> ReminderGrainIdsAsync(string reminderName, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT grain_id FROM orleans_reminder WHERE reminder_name = $1 ORDER BY grain_id", connection);
        command.Parameters.AddWithValue(reminderName);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // FORCE ends the sessions still open on it (silos that were killed leave none, but a live one might).
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            // Best effort: a failure here must not hide the test's own outcome.
            await Console.Error.WriteLineAsync($"could not drop test database {Name}: {ex.Message}");
        }
    }
}
