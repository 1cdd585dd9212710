using Microsoft.Data.Sqlite;
using Npgsql;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// Makes the profile's real audit table refuse every insert (a BEFORE INSERT trigger that raises), or removes
/// that trigger again: the failure a full disk or a broken database gives, inside the storage's own transaction.
/// </summary>
internal static class AuditTableFault
{
    private const string Message = "audit store unavailable (test trigger)";

    public static async Task SetAsync(SlurpApiFactory factory, bool failing)
    {
        if (factory.Database is { } database)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = failing
                ? $"""
                  CREATE OR REPLACE FUNCTION slurp_test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS
                  $fn$ BEGIN RAISE EXCEPTION '{Message}'; END $fn$;
                  CREATE OR REPLACE TRIGGER slurp_test_refuse_audit BEFORE INSERT ON slurp_audit_log
                      FOR EACH ROW EXECUTE FUNCTION slurp_test_refuse_audit();
                  """
                : "DROP TRIGGER IF EXISTS slurp_test_refuse_audit ON slurp_audit_log";
            await command.ExecuteNonQueryAsync();
            return;
        }

        var file = Path.Combine(factory.DataDir, "slurp.db");
        await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await sqlite.OpenAsync();
        await using var ddl = sqlite.CreateCommand();
        ddl.CommandText = "PRAGMA busy_timeout=5000;" + (failing
            ? $"CREATE TRIGGER IF NOT EXISTS slurp_test_refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, '{Message}'); END;"
            : "DROP TRIGGER IF EXISTS slurp_test_refuse_audit;");
        await ddl.ExecuteNonQueryAsync();
    }
}
