using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Slurp.Postgres.Tests.Contract;

namespace Slurp.Postgres.Tests.Audit;

/// <summary>
/// slurp_audit_log keeps its chain linear by itself (sql/PostgreSQL-Slurp.sql): the primary key refuses a second
/// entry at a position, the chain trigger an entry whose predecessor is missing or has another hash. Both append
/// protocols the file documents, used by several writers at once, build one chain. The hashes here are stand-ins;
/// the table checks positions and links only.
/// </summary>
public sealed class AuditChainTableTests : IAsyncLifetime
{
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long AppendLockKey = 0x534C_5552_5041_5544;

    private readonly SchemaDatabaseFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AppendersOnManyConnectionsBuildOneChainWithoutGaps(bool optimistic)
    {
        const int Writers = 4;
        const int EntriesEach = 15;
        var refusals = 0;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            (long Seq, string Hash)? known = null;
            for (var i = 0; i < EntriesEach; i++)
            {
                if (!optimistic)
                {
                    await AppendLockedAsync($"agent-{writer}");
                    continue;
                }

                // As PostgresStateStore does: chain onto the tail this writer last saw, take the lock when refused.
                known ??= await ReadTailAsync();
                try
                {
                    known = await AppendOnAsync(known.Value, $"agent-{writer}");
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation)
                {
                    Interlocked.Increment(ref refusals);
                    known = await AppendLockedAsync($"agent-{writer}");
                }
            }
        })));

        var chain = await ReadChainAsync();

        Assert.Equal(Enumerable.Range(1, Writers * EntriesEach).Select(i => (long)i), chain.Select(e => e.Seq));
        Assert.Equal(Genesis, chain[0].PrevHash);
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PrevHash));
        if (optimistic)
        {
            Assert.True(refusals > 0, "no optimistic append was ever refused: the conflict path went untested");
        }
    }

    [Fact]
    public async Task ASecondEntryAtATakenPositionIsRefusedByThePrimaryKey()
    {
        await AppendLockedAsync("first");
        await using var connection = await _fixture.Database.OpenAsync();

        // Seq 1 again, as a writer that had not seen the first entry would write it: a fork.
        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(connection, null, [(1, Genesis, "fork")]));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("pk_slurp_audit_log", error.ConstraintName);
        Assert.Equal("first", Assert.Single(await ReadChainAsync()).Agent);
    }

    [Theory]
    [InlineData(2, false, "links to the genesis, not to entry 1")]
    [InlineData(3, true, "leaves a gap at 2")]
    public async Task AnEntryThatDoesNotExtendTheChainIsRefusedAsASerializationFailure(long seq, bool linkToFirst, string because)
    {
        var first = await AppendLockedAsync("first");
        await using var connection = await _fixture.Database.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => InsertAsync(connection, null, [(seq, linkToFirst ? first.Hash : Genesis, "late")]));

        Assert.True(error.SqlState == PostgresErrorCodes.SerializationFailure, because);
        Assert.Single(await ReadChainAsync());
    }

    [Fact]
    public async Task TheFirstEntryMustLinkToTheGenesis()
    {
        await using var connection = await _fixture.Database.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(connection, null, [(1, new string('a', 64), "first")]));

        Assert.Equal(PostgresErrorCodes.SerializationFailure, error.SqlState);
        Assert.Empty(await ReadChainAsync());
    }

    [Fact]
    public async Task OneStatementMayCarryManyLinkedEntriesAndABrokenLinkRefusesThemAll()
    {
        await using var connection = await _fixture.Database.OpenAsync();
        var one = Hash(Genesis, 1, "a");
        var two = Hash(one, 2, "b");

        // A broken link in the middle (3 links to 1): the whole statement is refused, 1 and 2 included.
        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(connection, null, [(1, Genesis, "a"), (2, one, "b"), (3, one, "c")]));
        Assert.Equal(PostgresErrorCodes.SerializationFailure, error.SqlState);
        Assert.Empty(await ReadChainAsync());

        await InsertAsync(connection, null, [(1, Genesis, "a"), (2, one, "b"), (3, two, "c")]);
        Assert.Equal([1L, 2L, 3L], (await ReadChainAsync()).Select(e => e.Seq));
    }

    [Theory]
    [InlineData("UPDATE slurp_audit_log SET outcome = 'denied'")]
    [InlineData("DELETE FROM slurp_audit_log")]
    [InlineData("TRUNCATE slurp_audit_log")]
    public async Task TheLogRefusesToChangeOrLoseEntries(string change)
    {
        await AppendLockedAsync("first");

        var error = await Assert.ThrowsAsync<PostgresException>(() => _fixture.Database.ExecuteAsync(change));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Single(await ReadChainAsync());
    }

    /// <summary>
    /// The locked protocol: take the append lock, read the tail in a new statement, chain onto it, commit. The lock
    /// orders lockers only, so a refusal (an optimistic writer got in first) means: read the tail again.
    /// </summary>
    private async Task<(long Seq, string Hash)> AppendLockedAsync(string agent)
    {
        await using var connection = await _fixture.Database.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var takeLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                takeLock.Parameters.AddWithValue("key", AppendLockKey);
                await takeLock.ExecuteNonQueryAsync();
            }

            var tail = await ReadTailAsync(connection, transaction);
            try
            {
                var entry = await InsertAsync(connection, transaction, [(tail.Seq + 1, tail.Hash, agent)]);
                await transaction.CommitAsync();
                return entry;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation && attempt < 20)
            {
            }
        }
    }

    /// <summary>The optimistic protocol: chain onto a tail read earlier, without the lock.</summary>
    private async Task<(long Seq, string Hash)> AppendOnAsync((long Seq, string Hash) tail, string agent)
    {
        await using var connection = await _fixture.Database.OpenAsync();
        return await InsertAsync(connection, null, [(tail.Seq + 1, tail.Hash, agent)]);
    }

    private async Task<(long Seq, string Hash)> ReadTailAsync()
    {
        await using var connection = await _fixture.Database.OpenAsync();
        return await ReadTailAsync(connection, null);
    }

    private static async Task<(long Seq, string Hash)> ReadTailAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        await using var tail = new NpgsqlCommand("SELECT seq, hash FROM slurp_audit_log ORDER BY seq DESC LIMIT 1", connection, transaction);
        await using var reader = await tail.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetString(1)) : (0, Genesis);
    }

    /// <summary>Inserts the entries in one statement, as PostgresStateStore does; returns the last one.</summary>
    private static async Task<(long Seq, string Hash)> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, (long Seq, string Previous, string Agent)[] entries)
    {
        var hashes = entries.Select(e => Hash(e.Previous, e.Seq, e.Agent)).ToArray();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO slurp_audit_log (seq, time_utc, agent, role, action, address, outcome, detail, prev_hash, hash) " +
            "SELECT e.seq, @time, e.agent, 'admin', 'read', NULL, 'allowed', NULL, e.prev, e.hash " +
            "FROM unnest(@seq::bigint[], @agent::text[], @prev::text[], @hash::text[]) AS e(seq, agent, prev, hash)",
            connection,
            transaction);
        insert.Parameters.AddWithValue("seq", entries.Select(e => e.Seq).ToArray());
        insert.Parameters.AddWithValue("time", DateTime.UtcNow.Ticks);
        insert.Parameters.AddWithValue("agent", entries.Select(e => e.Agent).ToArray());
        insert.Parameters.AddWithValue("prev", entries.Select(e => e.Previous).ToArray());
        insert.Parameters.AddWithValue("hash", hashes);
        await insert.ExecuteNonQueryAsync();
        return (entries[^1].Seq, hashes[^1]);
    }

    private static string Hash(string previous, long seq, string agent) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{previous}|{seq}|{agent}")));

    private async Task<List<(long Seq, string PrevHash, string Hash, string Agent)>> ReadChainAsync()
    {
        await using var connection = await _fixture.Database.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT seq, prev_hash, hash, agent FROM slurp_audit_log ORDER BY seq", connection);
        await using var reader = await read.ExecuteReaderAsync();
        List<(long, string, string, string)> chain = [];
        while (await reader.ReadAsync())
        {
            chain.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return chain;
    }
}
