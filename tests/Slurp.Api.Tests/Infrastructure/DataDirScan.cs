namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Reads every byte of every file under a data folder (the running host's files included).</summary>
public static class DataDirScan
{
    /// <summary>Each file under <paramref name="dataDir"/> with its bytes.</summary>
    public static List<(string Path, byte[] Bytes)> ReadAll(string dataDir) =>
        [.. Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories).Select(f => (f, ReadShared(f)))];

    private static byte[] ReadShared(string file)
    {
        try
        {
            // The running host holds the database open; read beside it.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (FileNotFoundException)
        {
            // A file removed between listing and reading (an SQLite journal) holds nothing any more.
            return [];
        }
    }
}
