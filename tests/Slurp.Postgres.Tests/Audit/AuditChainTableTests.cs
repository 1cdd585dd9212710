using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Slurp.Postgres.Tests.Contract;

namespace Slurp.Postgres.Tests.Audit;

/// <summary>
/// slurp_audit_log and slurp_audit_head: the append protocol documented in sql/PostgreSQL-Slurp.sql, used
/// by several writers at once. The hashes here are stand-ins; the table checks format and linkage only.
/// </summary>
public sealed class AuditChainTableTests : IAsyncLifetime
{
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly SchemaDatabaseFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AppendersOnManyConnectionsBuildOneChainWithoutGaps(bool serializeOnAdvisoryLock)
    {
        const int Writers = 4;
        const int EntriesEach = 15;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < EntriesEach; i++)
            {
                await (serializeOnAdvisoryLock ? AppendUnderAdvisoryLockAsync($"agent-{writer}") : AppendAsync($"agent-{writer}"));
            }
        })));

        var chain = await ReadChainAsync();
        var head = await ReadHeadAsync();

        Assert.Equal(Enumerable.Range(1, Writers * EntriesEach).Select(i => (long)i), chain.Select(e => e.Seq));
        Assert.Equal(Genesis, chain[0].PrevHash);
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PrevHash));
        Assert.Equal((chain[^1].Seq, chain[^1].Hash), head);
    }

    [Fact]
    public async Task AnEntryThatDoesNotExtendTheHeadIsRefusedAsASerializationFailure()
    {
        await AppendAsync("first");
        await using var connection = await _fixture.Database.OpenAsync();

        // Seq 2 but linked to the genesis, as an appender that skipped the FOR UPDATE would write it.
        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(connection, null, 2, Genesis, "late"));

        Assert.Equal(PostgresErrorCodes.SerializationFailure, error.SqlState);
        Assert.Equal(1, (await ReadHeadAsync()).Seq);
    }

    [Theory]
    [InlineData("UPDATE slurp_audit_log SET outcome = 'denied'")]
    [InlineData("DELETE FROM slurp_audit_log")]
    [InlineData("TRUNCATE slurp_audit_log")]
    public async Task TheLogRefusesToChangeOrLoseEntries(string change)
    {
        await AppendAsync("first");

        var error = await Assert.ThrowsAsync<PostgresException>(() => _fixture.Database.ExecuteAsync(change));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Single(await ReadChainAsync());
    }

    /// <summary>The documented protocol: lock the head, chain onto it, insert, commit.</summary>
    private async Task AppendAsync(string agent)
    {
        await using var connection = await _fixture.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        long seq;
        string previous;
        await using (var head = new NpgsqlCommand("SELECT seq, hash FROM slurp_audit_head WHERE id = 1 FOR UPDATE", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            (seq, previous) = (reader.GetInt64(0), reader.GetString(1));
        }

        await InsertAsync(connection, transaction, seq + 1, previous, agent);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The other protocol the table accepts (the cluster profile's PostgresAuditSink): an advisory lock and the
    /// log's own tail. The trigger keeps the head equal to the tail, so the link check passes.
    /// </summary>
    private async Task AppendUnderAdvisoryLockAsync(string agent)
    {
        await using var connection = await _fixture.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var takeLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            takeLock.Parameters.AddWithValue("key", 0x534C_5552_5041_5544L);
            await takeLock.ExecuteNonQueryAsync();
        }

        long seq = 0;
        var previous = Genesis;
        await using (var tail = new NpgsqlCommand("SELECT seq, hash FROM slurp_audit_log ORDER BY seq DESC LIMIT 1", connection, transaction))
        await using (var reader = await tail.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                (seq, previous) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        await InsertAsync(connection, transaction, seq + 1, previous, agent);
        await transaction.CommitAsync();
    }

    private static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long seq, string previous, string agent)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{previous}|{seq}|{agent}")));
        await using var insert = new NpgsqlCommand(
            "INSERT INTO slurp_audit_log (seq, time_utc, agent, role, action, address, outcome, detail, prev_hash, hash) " +
            "VALUES (@seq, @time, @agent, 'admin', 'read', NULL, 'allowed', NULL, @prev, @hash)",
            connection,
            transaction);
        insert.Parameters.AddWithValue("seq", seq);
        insert.Parameters.AddWithValue("time", DateTime.UtcNow.Ticks);
        insert.Parameters.AddWithValue("agent", agent);
        insert.Parameters.AddWithValue("prev", previous);
        insert.Parameters.AddWithValue("hash", hash);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<List<(long Seq, string PrevHash, string Hash)>> ReadChainAsync()
    {
        await using var connection = await _fixture.Database.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT seq, prev_hash, hash FROM slurp_audit_log ORDER BY seq", connection);
        await using var reader = await read.ExecuteReaderAsync();
        List<(long, string, string)> chain = [];
        while (await reader.ReadAsync())
        {
            chain.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return chain;
    }

    private async Task<(long Seq, string Hash)> ReadHeadAsync()
    {
        await using var connection = await _fixture.Database.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT seq, hash FROM slurp_audit_head WHERE id = 1", connection);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetString(1));
    }
}
