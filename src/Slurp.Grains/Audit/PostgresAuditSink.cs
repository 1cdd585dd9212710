using Npgsql;
using Slurp.Domain.Audit;

namespace Slurp.Grains.Audit;

/// <summary>
/// The cluster profile's audit log: the table <c>slurp_audit_log</c> (sql/PostgreSQL-Slurp.sql). Several silos
/// append concurrently; a transaction-scoped advisory lock serializes appends so the hash chain follows commit
/// order, and an append returns only after PostgreSQL committed it (synchronous commit).
/// </summary>
public sealed class PostgresAuditSink(NpgsqlDataSource dataSource) : IAuditSink
{
    /// <summary>Advisory lock id of the audit chain ("SLURPAUD" in ASCII).</summary>
    private const long ChainLock = 0x534C555250415544;
    private const string Columns = AuditRows.Columns;

    public async Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue(ChainLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        long tailSequence = 0;
        var tailHash = AuditChain.GenesisHash;
        await using (var tail = new NpgsqlCommand("SELECT seq, hash FROM slurp_audit_log ORDER BY seq DESC LIMIT 1", connection, transaction))
        await using (var reader = await tail.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (tailSequence, tailHash) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        var entry = AuditChain.Append(tailHash, tailSequence + 1, draft.Time, draft.Agent, draft.Role, draft.Action, draft.Address, draft.Outcome, draft.Detail);
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO slurp_audit_log ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", connection, transaction))
        {
            insert.Parameters.AddWithValue(entry.Sequence);
            insert.Parameters.AddWithValue(entry.Time.UtcTicks);
            insert.Parameters.AddWithValue(entry.Agent);
            insert.Parameters.AddWithValue(entry.Role);
            insert.Parameters.AddWithValue(entry.Action);
            insert.Parameters.AddWithValue((object?)entry.Address ?? DBNull.Value);
            insert.Parameters.AddWithValue(entry.Outcome);
            insert.Parameters.AddWithValue((object?)entry.Detail ?? DBNull.Value);
            insert.Parameters.AddWithValue(entry.PreviousHash);
            insert.Parameters.AddWithValue(entry.Hash);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return entry;
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var where = new List<string>();
        void Filter(string column, string op, object? value)
        {
            if (value is not null)
            {
                command.Parameters.AddWithValue(value);
                where.Add($"{column} {op} ${command.Parameters.Count}");
            }
        }

        Filter("time_utc", ">=", query.From?.UtcTicks);
        Filter("time_utc", "<=", query.To?.UtcTicks);
        Filter("agent", "=", query.Agent);
        Filter("role", "=", query.Role);
        Filter("address", "=", query.Address);
        Filter("outcome", "=", query.Outcome);
        Filter("seq", "<", query.BeforeSequence);
        command.Parameters.AddWithValue(query.Limit);
        command.CommandText = $"SELECT {Columns} FROM slurp_audit_log"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + $" ORDER BY seq DESC LIMIT ${command.Parameters.Count}";
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(AuditRows.Read(reader));
        }

        return entries;
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM slurp_audit_log ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(AuditRows.Read(reader));
        }

        return AuditChain.Verify(entries);
    }

    public async Task<AuditCounts> CountAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM slurp_audit_log),
                   (SELECT count(*) FROM slurp_audit_log WHERE time_utc >= $1),
                   (SELECT count(*) FROM slurp_audit_log WHERE time_utc >= $1 AND outcome = $2)
            """);
        command.Parameters.AddWithValue(since.UtcTicks);
        command.Parameters.AddWithValue(AuditOutcomes.Denied);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AuditCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
