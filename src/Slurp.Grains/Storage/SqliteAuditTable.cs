using Microsoft.Data.Sqlite;
using Slurp.Domain.Audit;

namespace Slurp.Grains.Storage;

/// <summary>
/// The audit table beside the grain state. Entries are chained inside the store's single writer, so
/// the chain follows commit order; the tail (last sequence and hash) is kept in memory and restored
/// when a batch rolls back.
/// </summary>
internal sealed class SqliteAuditTable
{
    public SqliteAuditTable(SqliteConnection writer)
    {
        using (var create = writer.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS audit_log (
                    seq       INTEGER NOT NULL,
                    time_utc  INTEGER NOT NULL,
                    agent     TEXT NOT NULL,
                    role      TEXT NOT NULL,
                    action    TEXT NOT NULL,
                    address   TEXT NULL,
                    outcome   TEXT NOT NULL,
                    detail    TEXT NULL,
                    prev_hash TEXT NOT NULL,
                    hash      TEXT NOT NULL,
                    CONSTRAINT pk_audit_log PRIMARY KEY (seq)
                );
                CREATE INDEX IF NOT EXISTS ix_audit_log_time ON audit_log (time_utc);
                """;
            create.ExecuteNonQuery();
        }

        using var tail = writer.CreateCommand();
        tail.CommandText = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
        using var reader = tail.ExecuteReader();
        (TailSequence, TailHash) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0L, AuditChain.GenesisHash);
    }

    /// <summary>Sequence of the last entry applied (possibly not yet committed); touched only by the writer.</summary>
    public long TailSequence { get; set; }

    public string TailHash { get; set; }

    public const string Columns = Audit.AuditRows.Columns;
}
