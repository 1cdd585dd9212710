using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

[Collection(ApiCollection.Name)]
public sealed class DiffTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    private string Address => _project.Address("/src/a.cs");

    [Fact]
    public async Task ADiffListsAddedRemovedAndChangedFields()
    {
        var agent = await WriteTwoVersionsAsync();

        var diff = await (await agent.Client.GetAsync(Url.Context(Address, "diff", ("from", "1"), ("to", "2")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("the purpose", diff["added"]!["purpose"]!.GetValue<string>());
        Assert.Equal(["orleans"], Json.Strings(diff["added"]!["technologies"]));
        Assert.Equal(["old-tag"], Json.Strings(diff["removed"]!["tags"]));
        Assert.Equal("before", diff["changed"]!["summary"]!["from"]!.GetValue<string>());
        Assert.Equal("after", diff["changed"]!["summary"]!["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADiffNamesItsVersions()
    {
        var agent = await WriteTwoVersionsAsync();

        var diff = await (await agent.Client.GetAsync(Url.Context(Address, "diff", ("from", "1"), ("to", "2")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, diff["from_version"]!.GetValue<int>());
        Assert.Equal(2, diff["to_version"]!.GetValue<int>());
    }

    [Fact]
    public async Task ADiffOfAVersionWithItselfIsEmpty()
    {
        var agent = await WriteTwoVersionsAsync();

        var diff = await (await agent.Client.GetAsync(Url.Context(Address, "diff", ("from", "2"), ("to", "2")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Empty(diff["added"]!.AsObject());
        Assert.Empty(diff["removed"]!.AsObject());
        Assert.Empty(diff["changed"]!.AsObject());
    }

    [Theory]
    [InlineData(null, "2")]
    [InlineData("1", null)]
    [InlineData("one", "2")]
    [InlineData("0", "2")]
    public async Task ADiffWithoutTwoVersionNumbersIsABadRequest(string? from, string? to)
    {
        var agent = await WriteTwoVersionsAsync();
        var query = new List<(string, string)>();
        if (from is not null)
        {
            query.Add(("from", from));
        }

        if (to is not null)
        {
            query.Add(("to", to));
        }

        var response = await agent.Client.GetAsync(Url.Context(Address, "diff", [.. query]));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ADiffWithAnUnknownVersionIsNotFound()
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.GetAsync(Url.Context(Address, "diff", ("from", "1"), ("to", "9")));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADiffWithAShreddedVersionIsGoneNotEmpty()
    {
        var agent = await WriteTwoVersionsAsync();
        using var admin = factory.AdminClient();
        await (await admin.DeleteAsync(Url.Context(Address, ("shred", "true")))).ReadJsonAsync(HttpStatusCode.OK);
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("written after the shred"));

        var both = await agent.Client.GetAsync(Url.Context(Address, "diff", ("from", "1"), ("to", "2")));
        var one = await agent.Client.GetAsync(Url.Context(Address, "diff", ("from", "3"), ("to", "2")));

        var problem = await both.ShouldBeProblemAsync(HttpStatusCode.Gone);
        Assert.Contains("shredded", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await one.ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task ADiffWithADeletionListsTheContentAsRemoved()
    {
        var agent = await WriteTwoVersionsAsync();
        await agent.Client.DeleteAsync(Url.Context(Address));

        var diff = await (await agent.Client.GetAsync(Url.Context(Address, "diff", ("from", "2"), ("to", "3")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("after", diff["removed"]!["summary"]!.GetValue<string>());
        Assert.Equal(["kept-tag"], Json.Strings(diff["removed"]!["tags"]));
        Assert.Empty(diff["added"]!.AsObject());
    }

    private async Task<TestAgent> WriteTwoVersionsAsync()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body(data: new JsonObject
        {
            ["summary"] = "before",
            ["tags"] = Json.Array("old-tag", "kept-tag"),
        }));
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body(data: new JsonObject
        {
            ["summary"] = "after",
            ["purpose"] = "the purpose",
            ["technologies"] = Json.Array("orleans"),
            ["tags"] = Json.Array("kept-tag"),
        }));
        return agent;
    }
}
