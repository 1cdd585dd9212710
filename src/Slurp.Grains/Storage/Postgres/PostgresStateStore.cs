using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Storage.Postgres;

/// <summary>
/// The cluster profile's group-commit store for context-node state (<c>slurp_grain_state</c>) and the audit log
/// (<c>slurp_audit_log</c>). One writer loop per silo sends whatever is queued as one Npgsql batch, which
/// PostgreSQL runs as one transaction: concurrent writers share a commit, an audit entry commits with the
/// write it audits, and a request is answered only after its commit returned (synchronous commit).
/// <para>
/// The audit chain is cluster-wide. The loop remembers the chain's tail it last wrote and chains the batch's
/// entries onto it, all in one INSERT behind the append lock (the batch's first statement: no extra round trip);
/// the log refuses entries that do not extend the real tail (sql/PostgreSQL-Slurp.sql: its primary key with
/// 23505, its chain trigger with 40001) — another silo appended meanwhile — and the whole batch rolls back. The
/// loop then reads the real tail under the lock first, re-chains and commits; it stays with that path for a
/// while, as conflicts come in runs when several silos write.
/// </para>
/// </summary>
public sealed partial class PostgresStateStore : IGrainStateStore, IAsyncDisposable
{
    private const string SerializationFailure = "40001";
    private const string UniqueViolation = "23505";
    private const string AuditPrimaryKey = "pk_slurp_audit_log";

    // pg_advisory_xact_lock key of the audit chain, "SLURPAUD" in ASCII (sql/PostgreSQL-Slurp.sql).
    private const long AuditAppendLockKey = 0x534C_5552_5041_5544;

    // After a conflict, this many batches take the append lock first: one round trip more each, instead of a
    // wasted batch whenever another silo appended in between.
    private const int LockedBatchesAfterConflict = 16;

    // Tries of one batch under the lock before it fails (each after an appender that skips the lock got in first).
    private const int LockedAttempts = 8;

    // All the batch's entries in one statement, so the log's chain check runs once per commit.
    private const string InsertAudit =
        $"INSERT INTO slurp_audit_log ({AuditRows.Columns}) SELECT * FROM unnest(" +
        "$1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])";

    private readonly Channel<PostgresChange> _queue = Channel.CreateUnbounded<PostgresChange>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatch;
    private readonly ILogger<PostgresStateStore> _logger;
    private readonly Task _writerLoop;
    private readonly bool _ownsDataSource;
    private readonly GroupCommitMetrics _metrics;

    // Touched by the writer loop only.
    private NpgsqlConnection? _connection;
    private (long Sequence, string Hash)? _head;
    private int _lockedBatchesLeft;
    private long _chainConflicts;
    private int _disposed;

    /// <param name="dataSource">The pool to use.</param>
    /// <param name="maxBatchSize">Most changes one commit carries.</param>
    /// <param name="logger">Where failed commits are reported.</param>
    /// <param name="ownsDataSource">Dispose <paramref name="dataSource"/> with the store (its connections close).</param>
    /// <param name="metrics">Where commits are recorded; by default the process's <c>Slurp.Storage</c> meter.</param>
    public PostgresStateStore(
        NpgsqlDataSource dataSource, int maxBatchSize, ILogger<PostgresStateStore> logger, bool ownsDataSource = false, GroupCommitMetrics? metrics = null)
    {
        _metrics = metrics ?? new GroupCommitMetrics("postgres");
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _maxBatch = Math.Max(1, maxBatchSize);
        _logger = logger;
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Batches refused because another silo had extended the audit chain (then appended under its lock).</summary>
    public long ChainConflicts => Interlocked.Read(ref _chainConflicts);

    /// <summary>This store's commits: changes per commit, commit time, chain conflicts.</summary>
    public GroupCommitMetrics Metrics => _metrics;

    /// <summary>The pool this store (and the audit queries beside it) use.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <inheritdoc />
    public async Task<StoredRow?> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken)
    {
        // One batch is one implicit transaction: the row and its parts come from the same snapshot.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT payload, version FROM slurp_grain_state WHERE state_name = $1 AND grain_id = $2") { Parameters = { new() { Value = stateName }, new() { Value = grainId } } },
                new("SELECT part, payload FROM slurp_grain_state_part WHERE state_name = $1 AND grain_id = $2 ORDER BY part") { Parameters = { new() { Value = stateName }, new() { Value = grainId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await StoredRow.ReadAsync(reader, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(long Version, AuditEntry? Entry)> WriteAsync(
        string stateName, string grainId, byte[] payload, long? expectedVersion, AuditDraft? audit, IReadOnlyList<StoredPart> parts)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var change = await CommitAsync(PostgresChange.ForRow(new(stateName, grainId, payload, expectedVersion, parts), audit));
        return (change.RowResult, change.Entry);
    }

    /// <inheritdoc />
    public async Task<long> DeleteAsync(string stateName, string grainId, long? expectedVersion) =>
        (await CommitAsync(PostgresChange.ForRow(new(stateName, grainId, null, expectedVersion, []), null))).RowResult;

    /// <summary>Appends one entry to the audit chain; returns it, chained, once committed.</summary>
    public async Task<AuditEntry> AppendAuditAsync(AuditDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return (await CommitAsync(PostgresChange.ForAudit(draft))).Entry!;
    }

    private async Task<PostgresChange> CommitAsync(PostgresChange change)
    {
        // A draft the chain would refuse must fail alone here, not the whole batch in the writer.
        change.Audit?.EnsureChainable();
        if (!_queue.Writer.TryWrite(change))
        {
            throw new ObjectDisposedException(nameof(PostgresStateStore), "the store is shutting down");
        }

        await change.Completion.Task;
        return change;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PostgresChange>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            var startedAt = Stopwatch.GetTimestamp();
            try
            {
                await CommitBatchAsync(batch);
            }
            catch (Exception ex)
            {
                // Nothing of the batch is acknowledged. Whether PostgreSQL committed it before the connection
                // broke is unknown, so the chain's tail is re-read before the next append, on a new connection.
                _metrics.Failed(batch.Count, startedAt);
                _head = null;
                await DropConnectionAsync();
                LogBatchFailed(ex, batch.Count);
                foreach (var change in batch)
                {
                    change.Entry = null;
                    change.Completion.TrySetException(ex);
                }

                continue;
            }

            _metrics.Committed(batch.Count, startedAt);
            foreach (var change in batch)
            {
                change.Completion.TrySetResult();
            }
        }
    }

    private async Task CommitBatchAsync(List<PostgresChange> batch)
    {
        var connection = _connection ??= await _dataSource.OpenConnectionAsync();
        if (!batch.Exists(c => c.Audit is not null))
        {
            await ExecuteAsync(connection, null, batch, (0, AuditChain.GenesisHash), lockFirst: false);
            return;
        }

        if (_lockedBatchesLeft == 0)
        {
            var head = _head ?? await ReadHeadAsync(connection, null);
            try
            {
                // Without an explicit transaction the batch is one implicit transaction: all or nothing.
                _head = await ExecuteAsync(connection, null, batch, head, lockFirst: true);
                return;
            }
            catch (PostgresException ex) when (IsChainConflict(ex))
            {
                LogChainMoved(head.Sequence);
                Interlocked.Increment(ref _chainConflicts);
                _metrics.ChainConflict();
                _head = null;
                _lockedBatchesLeft = LockedBatchesAfterConflict;
            }
        }

        _lockedBatchesLeft--;
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var lockedHead = await ReadHeadAsync(connection, transaction);
            try
            {
                var newHead = await ExecuteAsync(connection, transaction, batch, lockedHead, lockFirst: false);
                await transaction.CommitAsync();
                _head = newHead;
                return;
            }
            catch (PostgresException ex) when (IsChainConflict(ex) && attempt < LockedAttempts)
            {
                // Only an appender that skips the lock (not this store) can get in between: read again.
                LogChainMoved(lockedHead.Sequence);
                Interlocked.Increment(ref _chainConflicts);
                _metrics.ChainConflict();
            }
        }
    }

    // The writer keeps one connection rather than renting one per batch: the pool hands out its idle connections
    // in turn, so each batch met a server process that had slept since several batches ago (up to MaxPoolSize
    // of them after a burst), ≈ 0.03–0.05 ms more per commit at one writer (docs/benchmarks.md, session 4).
    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception ex)
            {
                // A broken connection may fail to close; it is gone either way.
                LogConnectionDropFailed(ex);
            }
        }
    }

    // Another silo extended the chain since this one last wrote: the batch's first entry took a used position
    // (23505; PostgreSQL waits for the other transaction first if it is still open) or has no predecessor yet (40001).
    private static bool IsChainConflict(PostgresException ex) =>
        ex.SqlState == SerializationFailure || (ex.SqlState == UniqueViolation && ex.ConstraintName == AuditPrimaryKey);

    /// <summary>
    /// Sends the batch as one round trip; returns the chain's tail after its entries. With
    /// <paramref name="lockFirst"/> its first statement takes the append lock (held to the commit), so appenders of
    /// every silo take turns, and the entries' INSERT, a later statement with a later snapshot, meets a tail that
    /// moved as a refusal at once rather than racing an appender in flight; without it a locked appender could lose
    /// that race to optimistic ones again and again.
    /// </summary>
    private static async Task<(long Sequence, string Hash)> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, List<PostgresChange> batch, (long Sequence, string Hash) head, bool lockFirst)
    {
        await using var commands = new NpgsqlBatch(connection, transaction);
        var entries = new List<AuditEntry>();
        foreach (var change in batch)
        {
            if (change.Audit is { } draft)
            {
                var entry = AuditChain.Append(head.Hash, head.Sequence + 1, draft.Time, draft.Agent, draft.Role, draft.Action, draft.Address, draft.Outcome, draft.Detail);
                change.Entry = entry;
                head = (entry.Sequence, entry.Hash);
                entries.Add(entry);
            }
        }

        var leading = 0;
        if (entries.Count > 0)
        {
            if (lockFirst)
            {
                commands.BatchCommands.Add(AppendLockCommand());
                leading++;
            }

            commands.BatchCommands.Add(AuditInsertCommand(entries));
            leading++;
        }

        foreach (var change in batch)
        {
            if (change.Row is { } row)
            {
                foreach (var command in RowCommands(row))
                {
                    commands.BatchCommands.Add(command);
                }
            }
        }

        await commands.ExecuteNonQueryAsync();
        var index = leading;
        foreach (var change in batch)
        {
            if (change.Row is { } row)
            {
                change.RowResult = RowResult(row, commands.BatchCommands[index].RecordsAffected);
                index += CommandCount(row);
            }
        }

        return head;
    }

    private static async Task<(long Sequence, string Hash)> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (transaction is not null)
        {
            // Held to the commit: every other appender that takes it waits until this one is done. The tail is
            // read by the next statement, whose snapshot is taken after the lock was granted.
            batch.BatchCommands.Add(AppendLockCommand());
        }

        batch.BatchCommands.Add(new("SELECT seq, hash FROM slurp_audit_log ORDER BY seq DESC LIMIT 1"));
        await using var reader = await batch.ExecuteReaderAsync();
        if (transaction is not null)
        {
            await reader.NextResultAsync();
        }

        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.GenesisHash);
    }

    private static NpgsqlBatchCommand AppendLockCommand() =>
        new("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = AuditAppendLockKey } } };

    private static NpgsqlBatchCommand AuditInsertCommand(List<AuditEntry> entries)
    {
        var command = new NpgsqlBatchCommand(InsertAudit);
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Sequence).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Time.UtcTicks).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Agent).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Role).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Action).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Address).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Outcome).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Detail).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.PreviousHash).ToArray());
        command.Parameters.AddWithValue(entries.ConvertAll(e => e.Hash).ToArray());
        return command;
    }

    // A delete takes the row's parts with it; a write with parts stores them in the same statement, and only if
    // the row's own insert or update matched (the CTE's RETURNING), so a stale write stores nothing at all.
    private static int CommandCount(PostgresChange.RowChange row) => row.Payload is null ? 2 : 1;

    private static IEnumerable<NpgsqlBatchCommand> RowCommands(PostgresChange.RowChange row)
    {
        if (row.Payload is null)
        {
            yield return Parameterized(
                row.ExpectedVersion is null
                    ? "DELETE FROM slurp_grain_state WHERE state_name = $1 AND grain_id = $2"
                    : "DELETE FROM slurp_grain_state WHERE state_name = $1 AND grain_id = $2 AND version = $3",
                row, row.ExpectedVersion);
            yield return Parameterized(
                """
                DELETE FROM slurp_grain_state_part AS p WHERE p.state_name = $1 AND p.grain_id = $2
                AND NOT EXISTS (SELECT 1 FROM slurp_grain_state AS s WHERE s.state_name = $1 AND s.grain_id = $2)
                """,
                row);
            yield break;
        }

        var write = row.ExpectedVersion is null
            ? """
              INSERT INTO slurp_grain_state (state_name, grain_id, version, payload) VALUES ($1, $2, 1, $3)
              ON CONFLICT ON CONSTRAINT pk_slurp_grain_state DO NOTHING
              """
            : """
              UPDATE slurp_grain_state SET version = version + 1, payload = $3, updated_at = now()
              WHERE state_name = $1 AND grain_id = $2 AND version = $4
              """;
        if (row.Parts.Count == 0)
        {
            yield return Parameterized(write, row, row.Payload, row.ExpectedVersion);
            yield break;
        }

        // $4 is the expected version in the UPDATE; the INSERT form does not use it, so it is always bound.
        var command = Parameterized(
            $"""
             WITH written AS ({write} RETURNING 1)
             INSERT INTO slurp_grain_state_part (state_name, grain_id, part, payload)
             SELECT $1, $2, p.part, p.payload FROM unnest($5::bigint[], $6::bytea[]) AS p(part, payload)
             WHERE EXISTS (SELECT 1 FROM written)
             ON CONFLICT ON CONSTRAINT pk_slurp_grain_state_part DO UPDATE SET payload = EXCLUDED.payload
             """,
            row, row.Payload, row.ExpectedVersion ?? 0L);
        command.Parameters.AddWithValue(row.Parts.Select(p => p.Number).ToArray());
        command.Parameters.AddWithValue(row.Parts.Select(p => p.Payload).ToArray());
        yield return command;
    }

    private static NpgsqlBatchCommand Parameterized(string sql, PostgresChange.RowChange row, params object?[] more)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue(row.StateName);
        command.Parameters.AddWithValue(row.GrainId);
        foreach (var value in more)
        {
            if (value is not null)
            {
                command.Parameters.AddWithValue(value);
            }
        }

        return command;
    }

    private static long RowResult(PostgresChange.RowChange row, int affected) => row switch
    {
        { Payload: null, ExpectedVersion: null } => 0,
        { Payload: null } => affected == 0 ? -1 : 0,
        // With parts the statement reports the part rows it wrote: none when the row itself did not match.
        { ExpectedVersion: null } => affected >= 1 ? 1 : -1,
        _ => affected >= 1 ? row.ExpectedVersion.Value + 1 : -1,
    };

    /// <summary>Answers whether the table can be read (the readiness probe).</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1 FROM slurp_grain_state LIMIT 0");
            await command.ExecuteNonQueryAsync(cancellationToken);
            return !_writerLoop.IsCompleted;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Everything queued is still committed (or failed) before the store goes.
        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        await DropConnectionAsync();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A commit of {Count} changes failed; none of them was acknowledged")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the writer's connection after a failed commit failed too")]
    private partial void LogConnectionDropFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The audit chain moved past entry {Sequence} (another silo appended); appending under the append lock")]
    private partial void LogChainMoved(long sequence);
}
