using Slurp.Domain.Addresses;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

[Collection(ClusterCollection.Name)]
public sealed class ContextNodeChildrenTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Client;
    private readonly NodeKey _leaf = UniqueKey("/a/b/c");

    [Theory]
    [InlineData("/a/b", "c")]
    [InlineData("/a", "b")]
    [InlineData("/", "a")]
    public async Task WritingANestedNodeRegistersEachNodeOfItsPathWithItsParent(string folder, string child)
    {
        await Node(_grains, _leaf).WriteAsync(Write("h1"));

        var children = await Node(_grains, At(folder)).GetChildrenAsync();

        Assert.Equal([child], children);
    }

    [Fact]
    public async Task RegisteringAChildTwiceKeepsOneEntry()
    {
        await Node(_grains, _leaf).WriteAsync(Write("h1"));
        var folder = Node(_grains, At("/a/b"));

        await folder.RegisterChildAsync("c");

        Assert.Equal(["c"], await folder.GetChildrenAsync());
    }

    [Fact]
    public async Task LaterWritesDoNotRegisterTheNodeAgain()
    {
        var leaf = Node(_grains, _leaf);
        await leaf.WriteAsync(Write("h1"));
        await leaf.WriteAsync(Write("h2"));
        await leaf.DeleteAsync("main", By("deletion"));

        Assert.Equal(["c"], await Node(_grains, At("/a/b")).GetChildrenAsync());
    }

    [Fact]
    public async Task ChildrenAreListedInOrdinalOrder()
    {
        var folder = Node(_grains, At("/a"));

        foreach (var name in new[] { "b", "B", "a", "_", "10", "9" })
        {
            await folder.RegisterChildAsync(name);
        }

        Assert.Equal(["10", "9", "B", "_", "a", "b"], await folder.GetChildrenAsync());
    }

    [Fact]
    public async Task RegisteringAChildRegistersTheFolderWithItsOwnParent()
    {
        await Node(_grains, At("/a/b")).RegisterChildAsync("c");

        Assert.Equal(["b"], await Node(_grains, At("/a")).GetChildrenAsync());
    }

    [Fact]
    public async Task SiblingsWrittenConcurrentlyAreAllRegistered()
    {
        var names = Enumerable.Range(0, 16).Select(i => $"f{i:D2}").ToArray();

        await Task.WhenAll(names.Select(name => Node(_grains, At("/a/" + name)).WriteAsync(Write("h1"))));

        Assert.Equal(names, await Node(_grains, At("/a")).GetChildrenAsync());
    }

    [Fact]
    public async Task ANodeNeverWrittenHasNoChildren()
    {
        Assert.Empty(await Node(_grains, At("/a")).GetChildrenAsync());
    }

    private NodeKey At(string path) => _leaf with { Path = NodePath.Parse(path) };
}
