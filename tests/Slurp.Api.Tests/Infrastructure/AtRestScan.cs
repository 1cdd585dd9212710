using System.Text;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// Searches everything a host keeps at rest, on its profile: on <c>sqlite</c> every byte of every file under its data
/// folder (the database, its WAL and journal included); on <c>postgres</c> every value of every row of its own
/// database, and the files of its data folder (the dev seal's key file).
/// </summary>
public static class AtRestScan
{
    /// <summary>"marker in place" for each marker whose UTF-8 bytes occur somewhere at rest.</summary>
    public static async Task<IReadOnlyList<string>> FindPlaintextAsync(this SlurpApiFactory factory, IEnumerable<string> markers)
    {
        var stored = await ReadAllAsync(factory);
        return [.. from marker in markers
                   let needle = Encoding.UTF8.GetBytes(marker)
                   from place in stored
                   where place.Bytes.AsSpan().IndexOf(needle) >= 0
                   select $"'{marker}' in {place.Where}"];
    }

    /// <summary>
    /// How many of <paramref name="needles"/> occur somewhere at rest, as raw bytes or as base64 text (the Orleans
    /// provider's grain state on the Postgres profile is JSON, which spells a byte array in base64).
    /// </summary>
    public static async Task<int> CountPresentAsync(this SlurpApiFactory factory, IReadOnlyCollection<byte[]> needles)
    {
        var stored = await ReadAllAsync(factory);
        return needles.Count(needle =>
        {
            var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(needle));
            return stored.Exists(place => place.Bytes.AsSpan().IndexOf(needle) >= 0 || place.Bytes.AsSpan().IndexOf(base64) >= 0);
        });
    }

    private static async Task<List<(string Where, byte[] Bytes)>> ReadAllAsync(SlurpApiFactory factory)
    {
        var files = DataDirScan.ReadAll(factory.DataDir);
        if (factory.Database is not { } database)
        {
            // The scan must see the store itself, or it proves nothing.
            Assert.Contains(files, f => Path.GetFileName(f.Path) == "slurp.db" && f.Bytes.Length > 0);
            return files;
        }

        // The host must really keep its state in PostgreSQL: no SQLite store beside it, grain state in the table.
        Assert.DoesNotContain(files, f => Path.GetFileName(f.Path).StartsWith("slurp.db", StringComparison.Ordinal));
        var rows = await PostgresRowScan.ReadAllAsync(database);
        Assert.Contains(rows, r => r.Where.StartsWith("orleans_grain_state.payload ", StringComparison.Ordinal) && r.Bytes.Length > 0);
        return [.. files, .. rows];
    }
}
