using Slurp.Domain.Context;
using static Slurp.Domain.Tests.Context.ContextSamples;

namespace Slurp.Domain.Tests.Context;

public sealed class DifferentialLayerTests
{
    private static readonly string[] BothRoles = [Backend, Architect];

    private static ContextData Store(ContextData submitted, IReadOnlyCollection<string> readers, params NodeLayers[] ancestors) =>
        DifferentialLayer.Compute(submitted, ancestors, readers, CascadeOptions.Default);

    [Fact]
    public void SummaryEveryReaderInheritsIsNotStored()
    {
        var stored = Store(
            new ContextData { Summary = "the project" },
            BothRoles,
            Node(Root, new ContextData { Summary = "the project" }, BothRoles));

        Assert.Null(stored.Summary);
    }

    [Fact]
    public void SummaryOneReaderDoesNotInheritIsStored()
    {
        var stored = Store(
            new ContextData { Summary = "the project" },
            BothRoles,
            Node(Root, new ContextData { Summary = "the project" }, Architect));

        Assert.Equal("the project", stored.Summary);
    }

    [Fact]
    public void PurposeDifferentFromTheInheritedOneIsStored()
    {
        var stored = Store(
            new ContextData { Purpose = "users endpoint" },
            [Backend],
            Node(Root, new ContextData { Purpose = "context store" }));

        Assert.Equal("users endpoint", stored.Purpose);
    }

    [Fact]
    public void TagEveryReaderInheritsIsNotStored()
    {
        var stored = Store(
            new ContextData { Tags = ["dht", "http"] },
            BothRoles,
            Node(Root, new ContextData { Tags = ["dht"] }, BothRoles));

        Assert.Equal(["http"], stored.Tags);
    }

    [Fact]
    public void TechnologyOnlySomeReadersInheritIsStored()
    {
        var stored = Store(
            new ContextData { Technologies = ["go"] },
            BothRoles,
            Node(Root, new ContextData { Technologies = ["go"] }, Backend));

        Assert.Equal(["go"], stored.Technologies);
    }

    [Fact]
    public void RemovalOfAValueNoReaderInheritsIsNotStored()
    {
        var stored = Store(
            new ContextData { Technologies = ["!rust", "go"] },
            [Backend],
            Node(Root, new ContextData { Technologies = ["csharp"] }));

        Assert.Equal(["go"], stored.Technologies);
    }

    [Fact]
    public void RemovalOfAValueSomeReaderInheritsIsStored()
    {
        var stored = Store(
            new ContextData { Technologies = ["!go"] },
            BothRoles,
            Node(Root, new ContextData { Technologies = ["go"] }, Architect));

        Assert.Equal(["!go"], stored.Technologies);
    }

    [Fact]
    public void RemovalOfAValueTheSameLayerAddsIsNotStored()
    {
        var stored = Store(
            new ContextData { Tags = ["!dht", "dht"] },
            [Backend],
            Node(Root, new ContextData { Tags = ["dht", "p2p"] }));

        Assert.Empty(stored.Tags);
    }

    [Fact]
    public void InsightEveryReaderInheritsIsNotStored()
    {
        var stored = Store(
            new ContextData { Insights = ["cache per activation", "paginate"] },
            BothRoles,
            Node(Root, new ContextData { Insights = ["cache per activation"] }, BothRoles));

        Assert.Equal(["paginate"], stored.Insights);
    }

    [Fact]
    public void ValueInheritedOnlyFromBeyondMaxDepthIsStored()
    {
        var stored = DifferentialLayer.Compute(
            new ContextData { Tags = ["dht"] },
            [Node(Root, new ContextData { Tags = ["dht"] }), Node(Src, ContextData.Empty)],
            [Backend],
            new CascadeOptions(MaxDepth: 1));

        Assert.Equal(["dht"], stored.Tags);
    }

    [Fact]
    public void DuplicatesInTheSubmissionAreStoredOnceInTheirFirstPlace()
    {
        var stored = Store(
            new ContextData { Tags = ["http", "json", "http"], Insights = ["b", "a", "b"] },
            [Backend],
            Node(Root, new ContextData { Tags = ["dht"] }));

        Assert.Equal(["http", "json"], stored.Tags);
        Assert.Equal(["b", "a"], stored.Insights);
    }

    [Fact]
    public void WithNoReadersTheSubmissionIsStoredWithoutDuplicates()
    {
        var submitted = new ContextData { Summary = "the project", Tags = ["dht", "!go", "dht"] };

        var stored = Store(submitted, [], Node(Root, new ContextData { Summary = "the project", Tags = ["dht"] }));

        Assert.Equal("the project", stored.Summary);
        Assert.Equal(["dht", "!go"], stored.Tags);
    }

    [Fact]
    public void WithNoAncestorsTheSubmissionIsStoredWithoutDuplicates()
    {
        var submitted = new ContextData { Summary = "the project", Technologies = ["go", "!rust", "go"] };

        var stored = Store(submitted, [Backend]);

        Assert.Equal("the project", stored.Summary);
        Assert.Equal(["go", "!rust"], stored.Technologies);
    }

    [Fact]
    public void UnderFoldersWithoutContextEverythingButRemovalsIsStored()
    {
        // The usual tree: the ancestors exist but hold no layer, so nothing is inherited and a removal removes nothing.
        var submitted = new ContextData
        {
            Summary = "the handler",
            Purpose = "serves",
            Technologies = ["go", "!rust", "go"],
            Tags = ["!dht", "api"],
            Insights = ["b", "a", "b"],
        };

        var stored = Store(submitted, BothRoles, NodeLayers.Empty("ucxl://any:any@p:t/"), NodeLayers.Empty("ucxl://any:any@p:t/src"));

        Assert.True(stored.ContentEquals(new ContextData
        {
            Summary = "the handler",
            Purpose = "serves",
            Technologies = ["go"],
            Tags = ["api"],
            Insights = ["b", "a"],
        }));
    }

    [Fact]
    public void NegativeMaxDepthIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DifferentialLayer.Compute(
            ContextData.Empty, [], [Backend], new CascadeOptions(MaxDepth: -1)));
    }
}
