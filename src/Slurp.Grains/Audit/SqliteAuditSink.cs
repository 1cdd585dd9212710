using Microsoft.Data.Sqlite;
using Slurp.Domain.Audit;
using Slurp.Grains.Storage;

namespace Slurp.Grains.Audit;

/// <summary>The embedded default's audit log: a table in the durable SQLite file, appended by group commit.</summary>
public sealed class SqliteAuditSink(SqliteStateStore store) : IAuditSink
{
    public Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);

        draft.EnsureChainable();
        var append = new PendingAudit(store.AuditLog, draft);
        store.Enqueue(append);
        return append.Completion.Task;
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(store.ReadConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                command.Parameters.AddWithValue(name, value);
            }
        }

        Filter("time_utc >= $from", "$from", query.From?.UtcTicks);
        Filter("time_utc <= $to", "$to", query.To?.UtcTicks);
        Filter("agent = $agent", "$agent", query.Agent);
        Filter("role = $role", "$role", query.Role);
        Filter("address = $address", "$address", query.Address);
        Filter("outcome = $outcome", "$outcome", query.Outcome);
        Filter("seq < $before", "$before", query.BeforeSequence);
        command.CommandText = $"SELECT {SqliteAuditTable.Columns} FROM audit_log"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit);
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
        await using var connection = new SqliteConnection(store.ReadConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteAuditTable.Columns} FROM audit_log ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return AuditChain.Verify(Stream(reader));
    }

    public async Task<AuditCounts> CountAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(store.ReadConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM audit_log),
                   (SELECT count(*) FROM audit_log WHERE time_utc >= $since),
                   (SELECT count(*) FROM audit_log WHERE time_utc >= $since AND outcome = $denied)
            """;
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        command.Parameters.AddWithValue("$denied", AuditOutcomes.Denied);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AuditCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static IEnumerable<AuditEntry> Stream(SqliteDataReader reader)
    {
        while (reader.Read())
        {
            yield return AuditRows.Read(reader);
        }
    }
}
