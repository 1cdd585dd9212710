using Slurp.Domain.Addresses;

namespace Slurp.Domain.Tests.Addresses;

public sealed class NodeKeyTests
{
    private static readonly NodeKey UsersGo = new("proj", "task", NodePath.Parse("/src/api/users.go"));

    [Fact]
    public void TheGrainKeyIsPrefixedProjectTaskAndPath()
    {
        Assert.Equal("node/proj/task/src/api/users.go", UsersGo.ToGrainKey());
    }

    [Fact]
    public void TheRootGrainKeyEndsWithASlash()
    {
        Assert.Equal("node/proj/task/", new NodeKey("proj", "task", NodePath.Root).ToGrainKey());
    }

    [Fact]
    public void AGrainKeyReadsBackIntoTheSameKey()
    {
        Assert.True(NodeKey.TryFromGrainKey(UsersGo.ToGrainKey(), out var key));
        Assert.Equal(UsersGo, key);
        Assert.Equal(UsersGo, NodeKey.FromGrainKey(UsersGo.ToGrainKey()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("proj/task/src")]
    [InlineData("node/")]
    [InlineData("node/proj")]
    [InlineData("node/proj/task")]
    [InlineData("node//task/src")]
    [InlineData("node/proj//src")]
    [InlineData("node/any/task/src")]
    [InlineData("node/proj/any/src")]
    [InlineData("node/p q/task/src")]
    [InlineData("node/proj/task/src/")]
    [InlineData("node/proj/task/src/../x")]
    [InlineData("node/proj/task/*^")]
    [InlineData("Node/proj/task/src")]
    public void AStringThatIsNotANodeGrainKeyIsRejected(string? grainKey)
    {
        Assert.False(NodeKey.TryFromGrainKey(grainKey, out var key));
        Assert.Equal(default, key);
    }

    [Fact]
    public void FromGrainKeyThrowsOnAForeignKey()
    {
        Assert.Throws<ArgumentException>(() => NodeKey.FromGrainKey("abc123"));
    }

    [Fact]
    public void TheParentIsTheNodeOfTheContainingFolder()
    {
        Assert.Equal(new NodeKey("proj", "task", NodePath.Parse("/src/api")), UsersGo.Parent);
        Assert.Null(new NodeKey("proj", "task", NodePath.Root).Parent);
    }

    [Fact]
    public void AncestorsRunFromTheProjectRootToTheParent()
    {
        Assert.Equal(
            ["ucxl://any:any@proj:task/", "ucxl://any:any@proj:task/src", "ucxl://any:any@proj:task/src/api"],
            UsersGo.AncestorsFromRoot().Select(k => k.ToString()));
    }

    [Fact]
    public void TheAddressOfAKeyIsTheCanonicalNodeAddress()
    {
        var address = UsersGo.ToAddress();

        Assert.Equal("ucxl://any:any@proj:task/src/api/users.go", address.ToString());
        Assert.Null(address.Temporal);
        Assert.Equal(address.ToString(), UsersGo.ToString());
    }

    [Theory]
    [InlineData("any", "task", "Project")]
    [InlineData("proj", "any", "Task")]
    [InlineData("", "task", "Project")]
    [InlineData("proj", "a/b", "Task")]
    public void AKeyNeedsAConcreteProjectAndTask(string project, string task, string parameter)
    {
        var exception = Assert.Throws<ArgumentException>(() => new NodeKey(project, task, NodePath.Root));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void KeysWithEqualPartsAreEqual()
    {
        var other = new NodeKey("proj", "task", NodePath.Parse("/src/api/users.go"));

        Assert.Equal(UsersGo, other);
        Assert.Equal(UsersGo.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(UsersGo, other with { Task = "other" });
    }
}
