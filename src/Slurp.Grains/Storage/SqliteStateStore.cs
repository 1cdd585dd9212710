using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slurp.Domain.Audit;
using Slurp.Grains.Audit;

namespace Slurp.Grains.Storage;

/// <summary>
/// The embedded durable store: one SQLite file in WAL mode with <c>synchronous=FULL</c>.
/// All writes go through one writer loop that commits whatever is queued as one transaction
/// (group commit), so every acknowledged write has been fsynced while concurrent writers share
/// the cost of one fsync. Reads use pooled read connections and never wait for the writer.
/// </summary>
public sealed partial class SqliteStateStore : IGrainStateStore, IAsyncDisposable
{
    private readonly Channel<StoreOperation> _queue = Channel.CreateUnbounded<StoreOperation>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly string _readConnectionString;
    private readonly int _maxBatch;
    private readonly ILogger<SqliteStateStore> _logger;
    private readonly SqliteConnection _writer;
    private readonly Task _writerLoop;
    private readonly GroupCommitMetrics _metrics;
    private int _disposed;

    /// <param name="options">Where the file is and how large a batch may grow.</param>
    /// <param name="logger">Where failed commits are reported.</param>
    /// <param name="metrics">Where commits are recorded; by default the process's <c>Slurp.Storage</c> meter.</param>
    public SqliteStateStore(IOptions<SqliteStorageOptions> options, ILogger<SqliteStateStore> logger, GroupCommitMetrics? metrics = null)
    {
        _logger = logger;
        _metrics = metrics ?? new GroupCommitMetrics("sqlite");
        var path = Path.GetFullPath(options.Value.DatabasePath);
        _maxBatch = Math.Max(1, options.Value.MaxBatchSize);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // The writer lives as long as the store, so it is not pooled: disposing the store must really close it.
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Cache = SqliteCacheMode.Private, Pooling = false };
        _writer = new SqliteConnection(builder.ToString());
        _writer.Open();
        Execute(_writer, """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            PRAGMA busy_timeout=5000;
            PRAGMA secure_delete=ON;
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                version    INTEGER NOT NULL,
                payload    BLOB NOT NULL,
                updated_at TEXT NOT NULL,
                CONSTRAINT pk_grain_state PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS grain_state_part (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                part       INTEGER NOT NULL,
                payload    BLOB NOT NULL,
                CONSTRAINT pk_grain_state_part PRIMARY KEY (state_name, grain_id, part)
            );
            """);
        AuditLog = new SqliteAuditTable(_writer);
        builder.Mode = SqliteOpenMode.ReadOnly;
        builder.Pooling = true;
        _readConnectionString = builder.ToString();
        DatabasePath = path;
        LogOpened(path);
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>The append-only, hash-chained audit table in the same file.</summary>
    internal SqliteAuditTable AuditLog { get; }

    /// <summary>The read-only connection string (for queries beside the grain state).</summary>
    internal string ReadConnectionString => _readConnectionString;

    /// <summary>This store's commits: changes per commit and commit time.</summary>
    public GroupCommitMetrics Metrics => _metrics;

    /// <summary>The database file in use.</summary>
    public string DatabasePath { get; }

    /// <summary>Reads a row, or null when there is none.</summary>
    public async Task<StoredRow?> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One read transaction, so the row and its parts come from the same commit.
        command.CommandText = """
            SELECT payload, version FROM grain_state WHERE state_name = $s AND grain_id = $g;
            SELECT part, payload FROM grain_state_part WHERE state_name = $s AND grain_id = $g ORDER BY part;
            """;
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        command.Transaction = (SqliteTransaction)transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StoredRow.ReadAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Inserts (<paramref name="expectedVersion"/> null) or replaces a row whose version matches; returns the new
    /// version after the commit's fsync, or -1 when the row's version differs.
    /// </summary>
    public Task<long> WriteAsync(string stateName, string grainId, byte[] payload, long? expectedVersion)
    {
        var write = new PendingWrite(stateName, grainId, payload, expectedVersion, []);
        Enqueue(write);
        return write.Completion.Task;
    }

    /// <inheritdoc />
    async Task<(long Version, AuditEntry? Entry)> IGrainStateStore.WriteAsync(
        string stateName, string grainId, byte[] payload, long? expectedVersion, AuditDraft? audit, IReadOnlyList<StoredPart> parts)
    {
        var write = new PendingWrite(stateName, grainId, payload, expectedVersion, parts);
        if (audit is null)
        {
            Enqueue(write);
            return (await write.Completion.Task, null);
        }

        audit.EnsureChainable();
        var append = new PendingAudit(AuditLog, audit);
        Enqueue(new CombinedOperation(append, write));
        return (await write.Completion.Task, await append.Completion.Task);
    }

    /// <summary>Deletes a row whose version matches (any version when null); returns 0, or -1 on a mismatch.</summary>
    public Task<long> DeleteAsync(string stateName, string grainId, long? expectedVersion)
    {
        var write = new PendingWrite(stateName, grainId, null, expectedVersion, []);
        Enqueue(write);
        return write.Completion.Task;
    }

    /// <summary>Queues any operation for the next group commit.</summary>
    internal void Enqueue(StoreOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteStateStore), "the store is shutting down");
        }
    }

    /// <summary>
    /// Folds the WAL into the database file and truncates it, after secure_delete has zeroed freed pages:
    /// old row images (for example wrapped keys destroyed by shredding) then survive nowhere in the files.
    /// </summary>
    public Task ScrubAsync()
    {
        var scrub = new ScrubOperation();
        Enqueue(scrub);
        return scrub.Completion.Task;
    }

    /// <summary>Answers whether the database can be read (the readiness probe).</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(_readConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM grain_state WHERE 0";
            await command.ExecuteScalarAsync(cancellationToken);
            return !_writerLoop.IsCompleted;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<StoreOperation>(_maxBatch);
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
                CommitBatch(batch);
            }
            catch (Exception ex)
            {
                // Nothing of the batch is acknowledged: the transaction rolled back as a whole.
                _metrics.Failed(batch.Count, startedAt);
                LogBatchFailed(ex, batch.Count);
                for (var i = batch.Count - 1; i >= 0; i--)
                {
                    batch[i].Rollback();
                }

                foreach (var operation in batch)
                {
                    operation.Fail(ex);
                }

                continue;
            }

            _metrics.Committed(batch.Count, startedAt);
            if (batch.Exists(o => o is ScrubOperation))
            {
                TryScrub();
            }

            foreach (var operation in batch)
            {
                operation.Succeed();
            }
        }
    }

    private void CommitBatch(List<StoreOperation> batch)
    {
        using var transaction = _writer.BeginTransaction();
        var now = DateTimeOffset.UtcNow;
        foreach (var operation in batch)
        {
            operation.Apply(_writer, transaction, now);
        }

        // COMMIT under synchronous=FULL returns after the WAL is fsynced: only then are the writes acknowledged.
        transaction.Commit();
    }

    private void TryScrub()
    {
        // wal_checkpoint reports a checkpoint blocked by a reader in its result row rather than throwing.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                using var command = _writer.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                using var reader = command.ExecuteReader();
                if (reader.Read() && reader.GetInt32(0) == 0)
                {
                    return;
                }
            }
            catch (SqliteException ex)
            {
                LogCheckpointFailed(ex, DatabasePath);
                return;
            }

            Thread.Sleep(20 * attempt);
        }

        LogCheckpointBlocked(DatabasePath);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);

        // Fold the WAL into the database file and close every connection, so that once the store is disposed
        // the file alone holds every acknowledged write (copies and backups of a stopped node are complete).
        try
        {
            Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException ex)
        {
            // Nothing is lost: the WAL stays next to the file and is replayed when the store is opened again.
            LogCheckpointFailed(ex, DatabasePath);
        }

        await using (var read = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(read);
        }

        await _writer.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable store opened at {Path} (SQLite WAL, synchronous=FULL, group commit)")]
    private partial void LogOpened(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "A commit of {Count} writes failed; none of them was acknowledged")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readers kept the WAL of {Path} from being truncated after a scrub; old row images stay in it until the next checkpoint")]
    private partial void LogCheckpointBlocked(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fold the WAL into {Path} on close; it will be replayed on the next open")]
    private partial void LogCheckpointFailed(Exception exception, string path);
}
