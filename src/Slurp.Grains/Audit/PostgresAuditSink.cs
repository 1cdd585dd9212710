using Npgsql;
using Slurp.Domain.Audit;
using Slurp.Grains.Storage.Postgres;

namespace Slurp.Grains.Audit;

/// <summary>
/// The cluster profile's audit log: the table <c>slurp_audit_log</c> (sql/PostgreSQL-Slurp.sql). Appends go
/// through the silo's <see cref="PostgresStateStore"/> group commit, chained across silos (see there), and
/// return only after PostgreSQL committed them (synchronous commit).
/// </summary>
public sealed class PostgresAuditSink(PostgresStateStore store) : IAuditSink
{
    private const string Columns = AuditRows.Columns;
    private readonly NpgsqlDataSource dataSource = store.DataSource;

    public Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken) => store.AppendAuditAsync(draft);

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
