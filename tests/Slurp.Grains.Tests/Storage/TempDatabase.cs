using Microsoft.Data.Sqlite;

namespace Slurp.Grains.Tests.Storage;

/// <summary>A database path in a fresh temporary folder, removed with everything in it on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "slurp-grains-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_folder, "slurp.db");

    public void Dispose()
    {
        // Pooled connections keep the file open; close them before removing it.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
