using Slurp.Domain.Addresses;

namespace Slurp.Domain.Tests.Addresses;

public sealed class UcxlAddressTests
{
    [Fact]
    public void TheNodeAddressDropsAgentRoleAndTemporal()
    {
        var address = UcxlAddress.Parse("ucxl://claude-1:backend_developer@proj:task/*~3/src/api");

        Assert.Equal("ucxl://any:any@proj:task/src/api", address.NodeAddress.ToString());
    }

    [Fact]
    public void TheNodeOfAConcreteAddressIsItsProjectTaskAndPath()
    {
        var address = UcxlAddress.Parse("ucxl://a:r@proj:task/*^/src");

        Assert.True(address.HasConcreteNode);
        Assert.Equal(new NodeKey("proj", "task", NodePath.Parse("/src")), address.Node);
    }

    [Theory]
    [InlineData("ucxl://a:r@any:task/src")]
    [InlineData("ucxl://a:r@proj:any/src")]
    public void AnAddressWithAWildcardProjectOrTaskHasNoNode(string text)
    {
        var address = UcxlAddress.Parse(text);

        Assert.False(address.HasConcreteNode);
        var exception = Assert.Throws<InvalidOperationException>(() => address.Node);
        Assert.Contains("names no single node", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWildcardAgentAndRoleStillNameANode()
    {
        Assert.True(UcxlAddress.Parse("ucxl://any:any@proj:task/").HasConcreteNode);
    }

    [Fact]
    public void WithPathKeepsEverythingButThePath()
    {
        var address = UcxlAddress.Parse("ucxl://a:r@p:t/~~1/src");

        Assert.Equal("ucxl://a:r@p:t/~~1/docs/x", address.WithPath(NodePath.Parse("/docs/x")).ToString());
        Assert.Equal("ucxl://a:r@p:t/~~1", address.WithPath(NodePath.Root).ToString());
    }

    [Fact]
    public void WithoutATemporalSelectorTheEffectiveOneIsLatest()
    {
        var address = UcxlAddress.Parse("ucxl://a:r@p:t/src");

        Assert.Null(address.Temporal);
        Assert.Same(TemporalSelector.Latest, address.EffectiveTemporal);
    }

    [Fact]
    public void AnExplicitLatestSelectorIsADifferentAddressFromNone()
    {
        Assert.NotEqual(UcxlAddress.Parse("ucxl://a:r@p:t/src"), UcxlAddress.Parse("ucxl://a:r@p:t/*^/src"));
    }

    [Fact]
    public void EqualAddressesParsedSeparatelyAreEqual()
    {
        const string Text = "ucxl://a:r@p:t/2026-11-27T10:00:00+02:00/ü/x y";

        Assert.Equal(UcxlAddress.Parse(Text), UcxlAddress.Parse(Text));
        Assert.Equal(UcxlAddress.Parse(Text).GetHashCode(), UcxlAddress.Parse(Text).GetHashCode());
    }

    [Fact]
    public void TheRootWithASelectorIsWrittenWithoutATrailingSlash()
    {
        var address = new UcxlAddress("a", "r", "p", "t", TemporalSelector.First, NodePath.Root);

        Assert.Equal("ucxl://a:r@p:t/*~", address.ToString());
    }

    [Theory]
    [InlineData("a b", "r", "p", "t", "Agent")]
    [InlineData("a", "", "p", "t", "Role")]
    [InlineData("a", "r", "p/q", "t", "Project")]
    [InlineData("a", "r", "p", "t\u0000", "Task")]
    public void TheConstructorRejectsAnInvalidComponent(string agent, string role, string project, string task, string parameter)
    {
        var exception = Assert.Throws<ArgumentException>(() => new UcxlAddress(agent, role, project, task, null, NodePath.Root));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void AWithExpressionIsValidatedToo()
    {
        var address = UcxlAddress.Parse("ucxl://a:r@p:t/");

        Assert.Throws<ArgumentException>(() => address with { Role = "not valid" });
        Assert.Throws<ArgumentNullException>(() => address with { Path = null! });
    }

    [Fact]
    public void TheConstructorRejectsANullPath()
    {
        Assert.Throws<ArgumentNullException>(() => new UcxlAddress("a", "r", "p", "t", null, null!));
    }

    [Fact]
    public void AnAddressDeconstructsIntoItsParts()
    {
        var (agent, role, project, task, temporal, path) = UcxlAddress.Parse("ucxl://a:r@p:t/^^2/x");

        Assert.Equal(("a", "r", "p", "t", "^^2", "/x"), (agent, role, project, task, temporal?.ToString(), path.Value));
    }

    [Fact]
    public void TheLongestValidAddressStillParses()
    {
        var longest = new UcxlAddress(
            new string('a', UcxlAddress.MaxComponentLength),
            new string('r', UcxlAddress.MaxComponentLength),
            new string('p', UcxlAddress.MaxComponentLength),
            new string('t', UcxlAddress.MaxComponentLength),
            TemporalSelector.Parse("9999-12-31T23:59:59.9999999+14:00"),
            NodePath.Parse("/" + string.Concat(Enumerable.Repeat("😀", (NodePath.MaxUtf8Bytes - 1) / 4))));

        Assert.Equal(longest, UcxlAddress.Parse(longest.ToString()));
    }
}
