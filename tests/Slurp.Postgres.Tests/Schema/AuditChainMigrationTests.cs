using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Slurp.Postgres.Tests.Infrastructure;
using Slurp.Storage.Postgres;

namespace Slurp.Postgres.Tests.Schema;

/// <summary>
/// Migration 0003: a version-2 database (audit chain tail kept in slurp_audit_head by a row trigger) keeps its
/// entries, loses the head row and its trigger, and from then on the log checks its chain by itself.
/// </summary>
public sealed class AuditChainMigrationTests : IAsyncLifetime
{
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AVersion2ChainCarriesOnUnderTheLogsOwnCheck()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);
        await TurnBackToVersion2Async();
        var tail = (Seq: 0L, Hash: Genesis);
        for (var i = 0; i < 3; i++)
        {
            tail = await InsertAsync(tail.Seq + 1, tail.Hash, "before");
        }

        var report = await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);

        Assert.Equal(2, report.PreviousVersion);
        Assert.Equal(["PostgreSQL-0003-audit-chain-check.sql"], report.AppliedScripts);
        Assert.False(await _database.ScalarAsync<bool>("SELECT to_regclass('slurp_audit_head') IS NOT NULL"));
        Assert.False(await _database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'slurp_audit_log_extend_chain')"));
        Assert.Equal(3L, await _database.ScalarAsync<long>("SELECT count(*) FROM slurp_audit_log"));

        // The chain goes on from the old tail, and the new check is in force.
        await InsertAsync(tail.Seq + 1, tail.Hash, "after");
        var fork = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(tail.Seq + 1, tail.Hash, "fork"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, fork.SqlState);
        var broken = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(tail.Seq + 2, Genesis, "broken"));
        Assert.Equal(PostgresErrorCodes.SerializationFailure, broken.SqlState);
        Assert.Equal(4L, await _database.ScalarAsync<long>("SELECT count(*) FROM slurp_audit_log"));
    }

    /// <summary>What a version-2 database looks like to the migration: the head table and its row trigger, version 2 recorded.</summary>
    private Task TurnBackToVersion2Async() => _database.ExecuteAsync("""
        DROP TRIGGER slurp_audit_log_check_chain ON slurp_audit_log;
        DROP FUNCTION slurp_audit_log_check_chain();
        CREATE TABLE slurp_audit_head (id smallint PRIMARY KEY DEFAULT 1, seq bigint NOT NULL, hash text NOT NULL);
        INSERT INTO slurp_audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
        CREATE FUNCTION slurp_audit_log_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE head_seq bigint; head_hash text;
        BEGIN
            SELECT h.seq, h.hash INTO head_seq, head_hash FROM slurp_audit_head AS h WHERE h.id = 1 FOR UPDATE;
            IF NEW.seq <> head_seq + 1 OR NEW.prev_hash <> head_hash THEN
                RAISE EXCEPTION 'does not extend the chain' USING ERRCODE = 'serialization_failure';
            END IF;
            UPDATE slurp_audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
            RETURN NEW;
        END $fn$;
        CREATE TRIGGER slurp_audit_log_extend_chain BEFORE INSERT ON slurp_audit_log FOR EACH ROW EXECUTE FUNCTION slurp_audit_log_extend_chain();
        DELETE FROM slurp_schema_version;
        INSERT INTO slurp_schema_version (version, description) VALUES (2, 'version 2 (simulated)');
        """);

    private async Task<(long Seq, string Hash)> InsertAsync(long seq, string previous, string agent)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{previous}|{seq}|{agent}")));
        await using var connection = await _database.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO slurp_audit_log (seq, time_utc, agent, role, action, outcome, prev_hash, hash) VALUES (@seq, 0, @agent, 'admin', 'read', 'allowed', @prev, @hash)",
            connection);
        insert.Parameters.AddWithValue("seq", seq);
        insert.Parameters.AddWithValue("agent", agent);
        insert.Parameters.AddWithValue("prev", previous);
        insert.Parameters.AddWithValue("hash", hash);
        await insert.ExecuteNonQueryAsync();
        return (seq, hash);
    }
}
