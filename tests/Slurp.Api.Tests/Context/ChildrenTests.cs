using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

[Collection(ApiCollection.Name)]
public sealed class ChildrenTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task ChildrenAreTheDirectChildAddresses()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await Write(agent, "/src/b.cs", "/src/a.cs", "/src/sub/c.cs");

        var children = await (await agent.Client.GetAsync(Url.Context(_project.Address("/src"), "children"))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(
            [_project.NodeAddress("/src/a.cs"), _project.NodeAddress("/src/b.cs"), _project.NodeAddress("/src/sub")],
            Json.Strings(children["items"]));
    }

    [Fact]
    public async Task ChildrenOutsideTheCallersScopesAreNotListed()
    {
        var architect = await factory.CreateAgentAsync("senior_architect");
        await Write(architect, "/src/a.cs", "/deploy/k8s.yaml", "/docs/readme.md");
        var backend = await factory.CreateAgentAsync("backend_developer");

        var children = await (await backend.Client.GetAsync(Url.Context(_project.Address("/"), "children"))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([_project.NodeAddress("/docs"), _project.NodeAddress("/src")], Json.Strings(children["items"]));
    }

    [Fact]
    public async Task ChildrenArePagedWithACursor()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await Write(agent, "/src/a", "/src/b", "/src/c", "/src/d", "/src/e");
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;

        do
        {
            (string, string)[] query = cursor is null ? [("limit", "2")] : [("limit", "2"), ("cursor", cursor)];
            var page = await (await agent.Client.GetAsync(Url.Context(_project.Address("/src"), "children", query))).ReadJsonAsync(HttpStatusCode.OK);
            seen.AddRange(Json.Strings(page["items"]));
            cursor = page["next_cursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(new[] { "a", "b", "c", "d", "e" }.Select(n => _project.NodeAddress("/src/" + n)), seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("limit", "0")]
    [InlineData("limit", "1001")]
    [InlineData("cursor", "%%%")]
    public async Task AnInvalidChildrenPageRequestIsABadRequest(string name, string value)
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.GetAsync(Url.Context(_project.Address("/src"), "children", (name, value)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListingChildrenAsARoleTheCallerDoesNotHoldIsForbidden()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.GetAsync(Url.Context(_project.Address("/src", role: "senior_architect"), "children"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task Write(TestAgent agent, params string[] paths)
    {
        foreach (var path in paths)
        {
            var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address(path)), ContextWrites.Body(path));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }
}
