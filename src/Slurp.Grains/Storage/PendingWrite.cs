using Microsoft.Data.Sqlite;

namespace Slurp.Grains.Storage;

/// <summary>
/// A grain-state change. An expected version of null means "the row must not exist";
/// a null payload means delete. Completes with the new version (0 after a delete),
/// or -1 when the row's version did not match.
/// </summary>
internal sealed class PendingWrite(string stateName, string grainId, byte[]? payload, long? expectedVersion) : StoreOperation
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
            return;
        }

        command.CommandText = """
            UPDATE grain_state SET version = version + 1, payload = $p, updated_at = $t
            WHERE state_name = $s AND grain_id = $g AND version = $v
            """;
        command.Parameters.AddWithValue("$v", expectedVersion.Value);
        _result = command.ExecuteNonQuery() == 1 ? expectedVersion.Value + 1 : -1;
    }

    public override void Succeed() => Completion.TrySetResult(_result);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
