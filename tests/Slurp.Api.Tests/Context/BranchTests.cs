using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

[Collection(ApiCollection.Name)]
public sealed class BranchTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    private string Address => _project.Address("/src/a.cs");

    [Fact]
    public async Task CreatingABranchAnswers201WithItsHead()
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 1));

        var branch = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("experiment", branch["name"]!.GetValue<string>());
        Assert.Equal(1, branch["head_version"]!.GetValue<int>());
    }

    [Fact]
    public async Task ABranchStartsWithTheContentOfItsFromVersion()
    {
        var agent = await WriteTwoVersionsAsync();
        await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 1));

        var view = await (await agent.Client.GetAsync(Url.Context(Address, ("branch", "experiment")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("main 1", view["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWriteToABranchIsReadFromThatBranch()
    {
        var agent = await WriteTwoVersionsAsync();
        await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 2));

        var write = await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("experimental", more: new() { ["branch"] = "experiment" }));

        Assert.Equal("experiment", (await write.ReadJsonAsync(HttpStatusCode.OK))["temporal_metadata"]!["branch"]!.GetValue<string>());
        var view = await (await agent.Client.GetAsync(Url.Context(Address, ("branch", "experiment")))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("experimental", view["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWriteToABranchLeavesMainUnaffected()
    {
        var agent = await WriteTwoVersionsAsync();
        await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 2));
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("experimental", more: new() { ["branch"] = "experiment" }));

        var view = await (await agent.Client.GetAsync(Url.Context(Address))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("main 2", view["context_data"]!["summary"]!.GetValue<string>());
        Assert.Equal(2, view["temporal_metadata"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task ABranchHistoryFollowsItsOwnLineage()
    {
        var agent = await WriteTwoVersionsAsync();
        await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 1));
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("experimental", more: new() { ["branch"] = "experiment" }));

        var history = await (await agent.Client.GetAsync(Url.Context(Address, "history", ("branch", "experiment")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([3, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task CreatingABranchThatExistsIsAConflict()
    {
        var agent = await WriteTwoVersionsAsync();
        await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 1));

        var response = await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 2));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BranchingFromAnUnknownVersionIsNotFound()
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 9));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await AssertBranchesAsync(agent, "main");
    }

    [Fact]
    public async Task BranchingANodeNeverWrittenIsNotFound()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PostJsonAsync(Url.Context(_project.Address("/src/none.cs"), "branches"), Branch("experiment", 1));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{ "from_version": 1 }""")]
    [InlineData("""{ "name": "experiment" }""")]
    [InlineData("""{ "name": "bad name", "from_version": 1 }""")]
    [InlineData("""{ "name": "experiment", "from_version": "1" }""")]
    public async Task AnInvalidBranchRequestIsABadRequest(string body)
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.PostAsync(Url.Context(Address, "branches"), Json.Content(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await AssertBranchesAsync(agent, "main");
    }

    [Fact]
    public async Task WritingToABranchThatDoesNotExistIsNotFound()
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("lost", more: new() { ["branch"] = "nowhere" }));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await AssertBranchesAsync(agent, "main");
    }

    [Fact]
    public async Task ReadingABranchThatDoesNotExistIsNotFound()
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.GetAsync(Url.Context(Address, ("branch", "nowhere")));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheBranchesOfANodeAreListedWithTheirHeads()
    {
        var agent = await WriteTwoVersionsAsync();
        await agent.Client.PostJsonAsync(Url.Context(Address, "branches"), Branch("experiment", 1));

        var branches = await (await agent.Client.GetAsync(Url.Context(Address, "branches"))).ReadJsonAsync(HttpStatusCode.OK);

        var items = branches["items"]!.AsArray();
        Assert.Equal(["experiment", "main"], items.Select(b => b!["name"]!.GetValue<string>()));
        Assert.Equal([1, 2], items.Select(b => b!["head_version"]!.GetValue<int>()));
    }

    private static JsonObject Branch(string name, int fromVersion) => new() { ["name"] = name, ["from_version"] = fromVersion };

    private async Task AssertBranchesAsync(TestAgent agent, params string[] names)
    {
        var branches = await (await agent.Client.GetAsync(Url.Context(Address, "branches"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(names, branches["items"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()));
    }

    private async Task<TestAgent> WriteTwoVersionsAsync()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("main 1"));
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("main 2"));
        return agent;
    }
}
