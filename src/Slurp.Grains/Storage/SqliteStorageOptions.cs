namespace Slurp.Grains.Storage;

/// <summary>Options of the embedded SQLite grain store (the embedded default profile).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Full path of the database file; its folder is created when missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "slurp.db");

    /// <summary>
    /// The most writes committed together in one transaction (one fsync). Writers that arrive while a
    /// commit is in flight join the next batch; a write is acknowledged only after its batch's fsync.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;
}
