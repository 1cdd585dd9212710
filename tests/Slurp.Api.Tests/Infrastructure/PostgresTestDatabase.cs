using System.Security.Cryptography;
using Npgsql;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// A fresh, empty UTF8 database <c>slurp_api_&lt;random&gt;</c> on the server named by <c>SLURP_TEST_POSTGRES</c>
/// (a connection string without a database, of a user who may create databases), dropped with FORCE on dispose.
/// One per host under <c>SLURP_API_PROFILE=postgres</c>.
/// </summary>
public sealed class PostgresTestDatabase
{
    public const string ServerVariable = "SLURP_TEST_POSTGRES";

    /// <summary>Per pool; two pools per host, a few hosts alive at once, within the server's 100 connections.</summary>
    private const int HostMaxPoolSize = 10;

    private PostgresTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>This database, as the server variable's user (a superuser in scripts/test.sh).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// What the host is given as <c>ConnectionStrings:Slurp</c>: this database with its pools sized as an operator must
    /// size them. A silo keeps two pools (the Orleans providers' and the audit log's), each up to Npgsql's default of
    /// 100 connections; a burst of 500 writes would fill both, and two such hosts would far exceed the test server's
    /// max_connections (100), which refuses the rest (53300).
    /// </summary>
    public string HostConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = HostMaxPoolSize }.ConnectionString;

    /// <summary>The server's connection string; a missing variable fails the host start, it never skips a test.</summary>
    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ApiProfile.Variable}=postgres needs {ServerVariable}, an Npgsql connection string without a database of a user " +
                $"who may create databases (scripts/test.sh starts a throwaway PostgreSQL 15 and sets it), e.g. " +
                $"{ServerVariable}='Host=127.0.0.1;Port=55432;Username=postgres'.");

    /// <summary>Creates the database. Synchronous: it runs inside <c>ConfigureWebHost</c>.</summary>
    public static PostgresTestDatabase Create()
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        var name = $"slurp_api_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            // template0, so the encoding is UTF8 (the schema requires it) whatever the server's default.
            using var create = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
            create.ExecuteNonQuery();
        }

        return new PostgresTestDatabase(name, new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString);
    }

    /// <summary>An open connection to this database, outside any pool the host uses.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Drops the database, ending the sessions the stopped host may still hold in its pools.</summary>
    public async Task DropAsync()
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        // The host's pooled connections to it are dead now; free them.
        await using var pooled = new NpgsqlConnection(HostConnectionString);
        NpgsqlConnection.ClearPool(pooled);
    }
}
