using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

[Collection(ApiCollection.Name)]
public sealed class RollbackTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    private string Address => _project.Address("/src/a.cs");

    [Fact]
    public async Task ARollbackAppendsAVersionWithTheOldContent()
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.PostJsonAsync(Url.Context(Address, "rollback"), new JsonObject { ["to_version"] = 1, ["change_reason"] = "rollback" });

        var view = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, view["temporal_metadata"]!["version"]!.GetValue<int>());
        Assert.Equal("rollback", view["temporal_metadata"]!["change_reason"]!.GetValue<string>());
        var head = await (await agent.Client.GetAsync(Url.Context(Address))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("first", head["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARollbackKeepsTheHistory()
    {
        var agent = await WriteTwoVersionsAsync();
        await agent.Client.PostJsonAsync(Url.Context(Address, "rollback"), new JsonObject { ["to_version"] = 1 });

        var history = await (await agent.Client.GetAsync(Url.Context(Address, "history"))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([3, 2, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ARollbackToAVersionThatDoesNotExistIsNotFound()
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.PostJsonAsync(Url.Context(Address, "rollback"), new JsonObject { ["to_version"] = 7 });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await AssertHistoryLengthAsync(agent, 2);
    }

    [Theory]
    [InlineData("""{ "change_reason": "rollback" }""")]
    [InlineData("""{ "to_version": 0 }""")]
    [InlineData("""{ "to_version": "1" }""")]
    [InlineData("""{ "to_version": 1, "change_reason": "because" }""")]
    [InlineData("""{ "to_version": 1, "extra": true }""")]
    public async Task ARollbackWithoutAValidTargetIsABadRequest(string body)
    {
        var agent = await WriteTwoVersionsAsync();

        var response = await agent.Client.PostAsync(Url.Context(Address, "rollback"), Json.Content(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await AssertHistoryLengthAsync(agent, 2);
    }

    [Fact]
    public async Task ARollbackByARoleThatMayNotWriteIsForbidden()
    {
        var agent = await WriteTwoVersionsAsync();
        var frontend = await factory.CreateAgentAsync("frontend_developer");

        var response = await frontend.Client.PostJsonAsync(Url.Context(Address, "rollback"), new JsonObject { ["to_version"] = 1 });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await AssertHistoryLengthAsync(agent, 2);
    }

    private async Task AssertHistoryLengthAsync(TestAgent agent, int length)
    {
        var history = await (await agent.Client.GetAsync(Url.Context(Address, "history"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(length, history["items"]!.AsArray().Count);
    }

    private async Task<TestAgent> WriteTwoVersionsAsync()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("first"));
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("second"));
        return agent;
    }
}
