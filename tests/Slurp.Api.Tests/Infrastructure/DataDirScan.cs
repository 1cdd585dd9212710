using System.Text;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Searches every byte of every file under a data folder (the running host's files included).</summary>
public static class DataDirScan
{
    /// <summary>"marker in file" for each marker whose UTF-8 bytes occur in some file under <paramref name="dataDir"/>.</summary>
    public static IReadOnlyList<string> FindPlaintext(string dataDir, IEnumerable<string> markers)
    {
        var files = ReadAll(dataDir);
        Assert.Contains(files, f => Path.GetFileName(f.Path) == "slurp.db" && f.Bytes.Length > 0);
        return [.. from marker in markers
                   let needle = Encoding.UTF8.GetBytes(marker)
                   from file in files
                   where file.Bytes.AsSpan().IndexOf(needle) >= 0
                   select $"'{marker}' in {file.Path}"];
    }

    /// <summary>How many of <paramref name="needles"/> occur somewhere under <paramref name="dataDir"/>.</summary>
    public static int CountPresent(string dataDir, IReadOnlyCollection<byte[]> needles)
    {
        var files = ReadAll(dataDir);
        return needles.Count(n => files.Exists(f => f.Bytes.AsSpan().IndexOf(n) >= 0));
    }

    private static List<(string Path, byte[] Bytes)> ReadAll(string dataDir) =>
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
