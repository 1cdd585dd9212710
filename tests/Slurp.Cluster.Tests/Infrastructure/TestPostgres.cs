using Npgsql;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>The PostgreSQL server the tests run against, named by <c>SLURP_TEST_POSTGRES</c>.</summary>
public static class TestPostgres
{
    public const string ServerVariable = "SLURP_TEST_POSTGRES";

    /// <summary>The server's connection string; fails the test (never skips it) when the variable is unset.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set, so the PostgreSQL cluster profile cannot be tested. Run the tests through " +
                "scripts/test.sh, which starts a throwaway PostgreSQL 15 and sets it, or start a server yourself and set " +
                $"{ServerVariable} to an Npgsql connection string of a superuser, e.g. " +
                $"export {ServerVariable}='Host=127.0.0.1;Port=55432;Username=postgres'.");

    /// <summary>The major version of the server (15 for 15.x), to find matching server binaries.</summary>
    public static async Task<int> MajorVersionAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SHOW server_version_num", connection);
        var number = int.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!, System.Globalization.CultureInfo.InvariantCulture);
        return number / 10000;
    }
}
