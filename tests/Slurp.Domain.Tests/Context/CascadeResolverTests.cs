using Slurp.Domain.Context;
using static Slurp.Domain.Tests.Context.ContextSamples;

namespace Slurp.Domain.Tests.Context;

public sealed class CascadeResolverTests
{
    [Fact]
    public void NearestDefinedSummaryWinsAndNamesItsSource()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Summary = "the project" }),
            Node(Src, new ContextData { Summary = "the sources" }),
            Node(UsersGo, new ContextData { Purpose = "users endpoint" }));

        Assert.Equal("the sources", resolved.Data.Summary);
        Assert.Equal(Src, resolved.InheritedFrom.Summary);
    }

    [Fact]
    public void PurposeDefinedOnlyAtTheRootIsInheritedWithTheRootAsSource()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Purpose = "context store" }),
            Node(Src, ContextData.Empty),
            Node(UsersGo, new ContextData { Summary = "users" }));

        Assert.Equal("context store", resolved.Data.Purpose);
        Assert.Equal(Root, resolved.InheritedFrom.Purpose);
    }

    [Fact]
    public void NodeWithoutAnySummaryInTheChainResolvesNoSummaryAndNoSource()
    {
        var resolved = ResolveAsBackend(Node(Root, new ContextData { Tags = ["x"] }), Node(UsersGo, ContextData.Empty));

        Assert.Null(resolved.Data.Summary);
        Assert.Null(resolved.InheritedFrom.Summary);
    }

    [Fact]
    public void TagsAreTheUnionDownTheChainInFirstSeenOrderEachWithItsSource()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Tags = ["dht", "p2p"] }),
            Node(Src, new ContextData { Tags = ["storage"] }),
            Node(UsersGo, new ContextData { Tags = ["http"] }));

        Assert.Equal(["dht", "p2p", "storage", "http"], resolved.Data.Tags);
        Assert.Equal(
            new Dictionary<string, string> { ["dht"] = Root, ["p2p"] = Root, ["storage"] = Src, ["http"] = UsersGo },
            resolved.InheritedFrom.Tags);
    }

    [Fact]
    public void RemovalDropsAnInheritedTechnology()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Technologies = ["go", "grpc"] }),
            Node(Src, new ContextData { Technologies = ["!go", "csharp"] }),
            Node(UsersGo, ContextData.Empty));

        Assert.Equal(["grpc", "csharp"], resolved.Data.Technologies);
        Assert.False(resolved.InheritedFrom.Technologies.ContainsKey("go"));
    }

    [Fact]
    public void DeeperNodeMayAddARemovedValueBack()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Technologies = ["go", "grpc"] }),
            Node(Src, new ContextData { Technologies = ["!go"] }),
            Node(UsersGo, new ContextData { Technologies = ["go"] }));

        Assert.Equal(["grpc", "go"], resolved.Data.Technologies);
        Assert.Equal(UsersGo, resolved.InheritedFrom.Technologies["go"]);
    }

    [Fact]
    public void RemovalWithNothingToRemoveIsIgnoredAndNeverAppears()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Tags = ["dht"] }),
            Node(UsersGo, new ContextData { Tags = ["!rust"] }));

        Assert.Equal(["dht"], resolved.Data.Tags);
    }

    [Fact]
    public void LayerThatBothAddsAndRemovesAValueEndsWithTheValue()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Tags = ["dht", "p2p"] }),
            Node(UsersGo, new ContextData { Tags = ["dht", "!dht"] }));

        Assert.Equal(["p2p", "dht"], resolved.Data.Tags);
        Assert.Equal(UsersGo, resolved.InheritedFrom.Tags["dht"]);
    }

    [Fact]
    public void RestatedValueKeepsItsFirstSeenPlaceAndTakesTheNearestSource()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Tags = ["dht", "p2p"] }),
            Node(UsersGo, new ContextData { Tags = ["http", "dht"] }));

        Assert.Equal(["dht", "p2p", "http"], resolved.Data.Tags);
        Assert.Equal(UsersGo, resolved.InheritedFrom.Tags["dht"]);
    }

    [Fact]
    public void InsightsListTheNodesOwnFirstThenTheAncestorsNearestFirst()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Insights = ["root insight"] }),
            Node(Src, new ContextData { Insights = ["src insight 1", "src insight 2"] }),
            Node(UsersGo, new ContextData { Insights = ["file insight"] }));

        Assert.Equal(["file insight", "src insight 1", "src insight 2", "root insight"], resolved.Data.Insights);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["file insight"] = UsersGo,
                ["src insight 1"] = Src,
                ["src insight 2"] = Src,
                ["root insight"] = Root,
            },
            resolved.InheritedFrom.Insights);
    }

    [Fact]
    public void DuplicateInsightIsKeptOnceWithTheNearestSource()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Insights = ["cache per activation", "root only"] }),
            Node(Src, new ContextData { Insights = ["cache per activation"] }),
            Node(UsersGo, ContextData.Empty));

        Assert.Equal(["cache per activation", "root only"], resolved.Data.Insights);
        Assert.Equal(Src, resolved.InheritedFrom.Insights["cache per activation"]);
    }

    [Fact]
    public void UnreadableAncestorContributesNothing()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Summary = "visible", Tags = ["dht"] }),
            Node(Src, new ContextData { Summary = "architects only", Tags = ["!dht", "secret"], Insights = ["hidden"] }, Architect),
            Node(UsersGo, ContextData.Empty));

        Assert.Equal("visible", resolved.Data.Summary);
        Assert.Equal(["dht"], resolved.Data.Tags);
        Assert.Empty(resolved.Data.Insights);
    }

    [Fact]
    public void OverlayIsSeenByItsRole()
    {
        var file = new NodeLayers(UsersGo,
        [
            ContextLayer.Base([Backend, Architect], new ContextData { Insights = ["shared"] }),
            ContextLayer.Overlay(Architect, new ContextData { Insights = ["only architects see this"] }),
        ]);

        var resolved = Resolve(As(Architect), Node(Root, ContextData.Empty, Architect), file);

        Assert.Equal(["shared", "only architects see this"], resolved.Data.Insights);
    }

    [Fact]
    public void OverlayIsNotSeenByOtherRoles()
    {
        var file = new NodeLayers(UsersGo,
        [
            ContextLayer.Base([Backend, Architect], new ContextData { Insights = ["shared"] }),
            ContextLayer.Overlay(Architect, new ContextData { Insights = ["only architects see this"] }),
        ]);

        var resolved = Resolve(As(Backend), Node(Root, ContextData.Empty), file);

        Assert.Equal(["shared"], resolved.Data.Insights);
    }

    [Fact]
    public void OverlayOverridesTheBaseLayerOfItsOwnNode()
    {
        var file = new NodeLayers(UsersGo,
        [
            ContextLayer.Overlay(Architect, new ContextData { Summary = "the architect's view", Tags = ["!dht"] }),
            ContextLayer.Base([Backend, Architect], new ContextData { Summary = "users endpoint", Tags = ["dht"] }),
        ]);

        var resolved = Resolve(As(Architect), file);

        Assert.Equal("the architect's view", resolved.Data.Summary);
        Assert.Empty(resolved.Data.Tags);
    }

    [Fact]
    public void OverlaysApplyInOrdinalRoleNameOrder()
    {
        var file = new NodeLayers(UsersGo,
        [
            ContextLayer.Overlay("b_role", new ContextData { Summary = "from b" }),
            ContextLayer.Overlay("B_role", new ContextData { Summary = "from B" }),
            ContextLayer.Overlay("a_role", new ContextData { Summary = "from a" }),
        ]);

        var resolved = Resolve(As("a_role", "b_role", "B_role"), file);

        Assert.Equal("from b", resolved.Data.Summary);
    }

    [Fact]
    public void AncestorBeyondMaxDepthContributesNothing()
    {
        var chain = new[]
        {
            Node(Root, new ContextData { Summary = "too far", Tags = ["far"] }),
            Node(Src, new ContextData { Tags = ["near"] }),
            Node(Api, ContextData.Empty),
            Node(UsersGo, ContextData.Empty),
        };

        var resolved = CascadeResolver.Resolve(chain, As(Backend), new CascadeOptions(MaxDepth: 2));

        Assert.Null(resolved.Data.Summary);
        Assert.Equal(["near"], resolved.Data.Tags);
    }

    [Fact]
    public void AncestorExactlyMaxDepthAboveTheNodeContributes()
    {
        var chain = new[]
        {
            Node(Root, new ContextData { Summary = "at the limit" }),
            Node(Src, ContextData.Empty),
            Node(UsersGo, ContextData.Empty),
        };

        var resolved = CascadeResolver.Resolve(chain, As(Backend), new CascadeOptions(MaxDepth: 2));

        Assert.Equal("at the limit", resolved.Data.Summary);
    }

    [Fact]
    public void MaxDepthZeroResolvesTheNodeAlone()
    {
        var chain = new[] { Node(Root, new ContextData { Tags = ["dht"] }), Node(UsersGo, new ContextData { Tags = ["http"] }) };

        var resolved = CascadeResolver.Resolve(chain, As(Backend), new CascadeOptions(MaxDepth: 0));

        Assert.Equal(["http"], resolved.Data.Tags);
    }

    [Fact]
    public void InheritanceDepthCountsOnlyAncestorsThatSuppliedAResolvedValue()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Summary = "overridden below", Tags = ["dht"] }),
            Node(Src, new ContextData { Summary = "the sources" }),
            Node(Api, new ContextData { Tags = ["!dht"] }),
            Node(UsersGo, new ContextData { Purpose = "users" }));

        // Root's summary is overridden and its tag removed; Api only removes. Src alone supplies a value.
        Assert.Equal(1, resolved.InheritanceDepth);
    }

    [Fact]
    public void InheritanceDepthIsZeroWhenEverythingIsTheNodesOwn()
    {
        var resolved = ResolveAsBackend(Node(Root, ContextData.Empty), Node(UsersGo, new ContextData { Summary = "own" }));

        Assert.Equal(0, resolved.InheritanceDepth);
    }

    [Fact]
    public void SpecificityScoreIsTheShareOfResolvedValuesTheNodeSuppliesItself()
    {
        // Resolved: summary (file), purpose (root), tags dht (root) and http (file), insight (file): 3 of 5 own.
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Purpose = "store", Tags = ["dht"] }),
            Node(UsersGo, new ContextData { Summary = "users", Tags = ["http"], Insights = ["paginate"] }));

        Assert.Equal(0.6, resolved.SpecificityScore);
    }

    [Fact]
    public void SpecificityScoreIsRoundedToFourDecimals()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Tags = ["a"] }),
            Node(UsersGo, new ContextData { Tags = ["b", "c"] }));

        Assert.Equal(0.6667, resolved.SpecificityScore);
    }

    [Fact]
    public void SpecificityScoreIsOneWhenNothingIsResolved()
    {
        var resolved = ResolveAsBackend(Node(Root, ContextData.Empty), Node(UsersGo, ContextData.Empty));

        Assert.Equal(1.0, resolved.SpecificityScore);
    }

    [Fact]
    public void SpecificityScoreIsZeroWhenEverythingIsInherited()
    {
        var resolved = ResolveAsBackend(Node(Root, new ContextData { Summary = "all inherited" }), Node(UsersGo, ContextData.Empty));

        Assert.Equal(0.0, resolved.SpecificityScore);
    }

    [Fact]
    public void NodeWithAnEmptyReadableLayerHasAReadableOwnLayer()
    {
        var resolved = ResolveAsBackend(Node(Root, new ContextData { Summary = "root" }), Node(UsersGo, ContextData.Empty));

        Assert.True(resolved.HasReadableOwnLayer);
    }

    [Fact]
    public void NodeWhoseLayersTheRolesCannotReadHasNoReadableOwnLayer()
    {
        var resolved = ResolveAsBackend(
            Node(Root, new ContextData { Summary = "root" }),
            Node(UsersGo, new ContextData { Summary = "architects only" }, Architect));

        Assert.False(resolved.HasReadableOwnLayer);
    }

    [Fact]
    public void MissingNodeStillInheritsFromItsAncestors()
    {
        var resolved = ResolveAsBackend(Node(Root, new ContextData { Summary = "root" }), NodeLayers.Empty(UsersGo));

        Assert.False(resolved.HasReadableOwnLayer);
        Assert.Equal("root", resolved.Data.Summary);
    }

    [Fact]
    public void EmptyChainIsRejected()
    {
        Assert.Throws<ArgumentException>(() => CascadeResolver.Resolve([], As(Backend), CascadeOptions.Default));
    }

    [Fact]
    public void NegativeMaxDepthIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => CascadeResolver.Resolve([NodeLayers.Empty(UsersGo)], As(Backend), new CascadeOptions(MaxDepth: -1)));
    }

    [Fact]
    public void NodeWithTwoLayersOfTheSameNameIsRejected()
    {
        var node = new NodeLayers(UsersGo,
        [
            ContextLayer.Overlay(Architect, new ContextData { Summary = "one" }),
            ContextLayer.Overlay(Architect, new ContextData { Summary = "two" }),
        ]);

        Assert.Throws<ArgumentException>(() => Resolve(As(Architect), node));
    }
}
