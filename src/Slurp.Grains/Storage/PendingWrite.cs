using Microsoft.Data.Sqlite;

namespace Slurp.Grains.Storage;

/// <summary>
/// A grain-state change. An expected version of null means "the row must not exist";
/// a null payload means delete (with the row's parts). Completes with the new version (0 after a delete),
/// or -1 when the row's version did not match; the parts are written only when the row was.
/// </summary>
internal sealed class PendingWrite(string stateName, string grainId, byte[]? payload, long? expectedVersion, IReadOnlyList<StoredPart> parts) : StoreOperation
{
    private long _result;

    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId);
        if (payload is null)
        {
            command.CommandText = expectedVersion is null
                ? "DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g"
                : "DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g AND version = $v";
            command.Parameters.AddWithValue("$v", expectedVersion ?? 0);
            var deleted = command.ExecuteNonQuery();
            _result = deleted == 0 && expectedVersion is not null ? -1 : 0;
            if (_result == 0)
            {
                using var parts = connection.CreateCommand();
                parts.Transaction = transaction;
                parts.CommandText = "DELETE FROM grain_state_part WHERE state_name = $s AND grain_id = $g";
                parts.Parameters.AddWithValue("$s", stateName);
                parts.Parameters.AddWithValue("$g", grainId);
                parts.ExecuteNonQuery();
            }

            return;
        }

        command.Parameters.AddWithValue("$p", payload);
        command.Parameters.AddWithValue("$t", now.ToString("O"));
        if (expectedVersion is null)
        {
            command.CommandText = """
                INSERT INTO grain_state (state_name, grain_id, version, payload, updated_at)
                VALUES ($s, $g, 1, $p, $t) ON CONFLICT DO NOTHING
                """;
            _result = command.ExecuteNonQuery() == 1 ? 1 : -1;
            WriteParts(connection, transaction);
            return;
        }

        command.CommandText = """
            UPDATE grain_state SET version = version + 1, payload = $p, updated_at = $t
            WHERE state_name = $s AND grain_id = $g AND version = $v
            """;
        command.Parameters.AddWithValue("$v", expectedVersion.Value);
        _result = command.ExecuteNonQuery() == 1 ? expectedVersion.Value + 1 : -1;
        WriteParts(connection, transaction);
    }

    private void WriteParts(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (_result < 0 || parts.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO grain_state_part (state_name, grain_id, part, payload) VALUES ($s, $g, $n, $p)";
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId);
        var number = command.Parameters.Add("$n", SqliteType.Integer);
        var payloadParameter = command.Parameters.Add("$p", SqliteType.Blob);
        foreach (var part in parts)
        {
            number.Value = part.Number;
            payloadParameter.Value = part.Payload;
            command.ExecuteNonQuery();
        }
    }

    public override void Succeed() => Completion.TrySetResult(_result);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
