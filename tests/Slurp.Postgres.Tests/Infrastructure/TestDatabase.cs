using System.Security.Cryptography;
using Npgsql;

namespace Slurp.Postgres.Tests.Infrastructure;

/// <summary>
/// A fresh, empty UTF8 database <c>slurp_test_&lt;random&gt;</c> on the server named by
/// <c>SLURP_TEST_POSTGRES</c>, dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The environment variable holding an Npgsql connection string for a user who may create databases.</summary>
    public const string ServerVariable = "SLURP_TEST_POSTGRES";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connects to this database as the server variable's user.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's connection string; fails the test — never skips it — when the variable is unset.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set, so the PostgreSQL profile cannot be tested. Run the tests with " +
                "scripts/test.sh, which starts a throwaway PostgreSQL 15 and sets it; or start one yourself and set " +
                $"{ServerVariable} to an Npgsql connection string of a user who may create databases, e.g. " +
                $"{ServerVariable}='Host=127.0.0.1;Port=55432;Username=postgres'.");

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        var name = $"slurp_test_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            // template0 so the encoding can be chosen whatever the server's default is.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        return new TestDatabase(name, database.ConnectionString);
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs one scalar query against this database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs one statement against this database and returns the rows it touched.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE ends the sessions still open on it (the silos' and our pooled connections).
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        await using var pooled = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(pooled);
    }
}
