using System.Data.Common;
using Slurp.Domain.Audit;

namespace Slurp.Grains.Audit;

/// <summary>The audit table's column list and row reader, shared by the SQLite and PostgreSQL sinks.</summary>
internal static class AuditRows
{
    public const string Columns = "seq, time_utc, agent, role, action, address, outcome, detail, prev_hash, hash";

    /// <summary>Reads one row selected with <see cref="Columns"/> (time stored as UTC ticks).</summary>
    public static AuditEntry Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetString(8),
        reader.GetString(9));
}
