using System.Text;
using Slurp.Abstractions.Context;
using Slurp.Grains.Tests.Context;

namespace Slurp.Grains.Tests.Storage;

/// <summary>
/// Context written through a silo on the embedded SQLite store, with a marker string no other test uses in
/// every field of every layer: the database files hold none of them, yet a reader role gets them all back.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class SqlitePlaintextTests(SqliteClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _marker = "marker" + Guid.NewGuid().ToString("N");
    private readonly string _reader = TestNodes.UniqueRole("reader");
    private readonly string _overlayRole = TestNodes.UniqueRole("overlay");
    private readonly IContextNodeGrain _node = TestNodes.Fresh(fixture.Client);

    private ContextContent Base => new()
    {
        Summary = _marker + "-summary",
        Purpose = _marker + "-purpose",
        Technologies = [_marker + "-technology"],
        Tags = [_marker + "-tag"],
        Insights = [_marker + "-insight"],
    };

    private ContextContent Overlay => new() { Summary = _marker + "-overlay", Insights = [_marker + "-overlay-insight"] };

    private IEnumerable<string> Markers =>
    [
        _marker,
        Base.Summary!, Base.Purpose!, Base.Technologies[0], Base.Tags[0], Base.Insights[0],
        Overlay.Summary!, Overlay.Insights[0],
    ];

    public async Task InitializeAsync()
    {
        await _node.WriteAsync(TestNodes.WriteFor([_reader], Base, TestNodes.Layer(_overlayRole, [_overlayRole], Overlay)));
        await _node.WriteAsync(TestNodes.WriteFor([_reader], Base with { Summary = _marker + "-second-summary" }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task NoByteOfTheDatabaseFilesSpellsAWrittenValue()
    {
        var files = await ReadDatabaseFilesAsync();

        // The node's key is stored in clear: finding it shows these are the files that hold the node.
        Assert.Contains(files, f => Contains(f.Bytes, _node.GetPrimaryKeyString()));
        var found = Markers.SelectMany(m => files.Where(f => Contains(f.Bytes, m)).Select(f => $"{m} in {f.Name}"));
        Assert.Empty(found);
    }

    [Fact]
    public async Task TheReaderRoleReadsEveryBaseValueBack()
    {
        var content = await TestNodes.ReadContentAsync(_node, TestNodes.Exact(1), [_reader]);

        Assert.Equal(Base.Summary, content.Summary);
        Assert.Equal(Base.Purpose, content.Purpose);
        Assert.Equal(Base.Technologies, content.Technologies);
        Assert.Equal(Base.Tags, content.Tags);
        Assert.Equal(Base.Insights, content.Insights);
    }

    [Fact]
    public async Task TheOverlayRoleReadsTheOverlayBack()
    {
        var content = await TestNodes.ReadContentAsync(_node, TestNodes.Exact(1), [_overlayRole]);

        Assert.Equal(Overlay.Summary, content.Summary);
        Assert.Equal(Overlay.Insights, content.Insights);
    }

    private async Task<(string Name, byte[] Bytes)[]> ReadDatabaseFilesAsync()
    {
        var files = new List<(string, byte[])>();
        foreach (var path in Directory.GetFiles(fixture.DatabaseFolder))
        {
            // SQLite keeps the files open: share them rather than asking for exclusive access.
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            files.Add((Path.GetFileName(path), copy.ToArray()));
        }

        Assert.Contains(files, f => f.Item1 == "slurp.db");
        return [.. files];
    }

    private static bool Contains(byte[] haystack, string value) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
}
