using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

[Collection(ApiCollection.Name)]
public sealed class HistoryTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    private string Address => _project.Address("/src/a.cs");

    [Fact]
    public async Task HistoryListsTheVersionsNewestFirst()
    {
        var agent = await WriteVersionsAsync(3);

        var history = await (await agent.Client.GetAsync(Url.Context(Address, "history"))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([3, 2, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
        Assert.Null(history["next_cursor"]);
    }

    [Fact]
    public async Task HistoryItemsCarryTheTemporalMetadata()
    {
        var agent = await WriteVersionsAsync(1);

        var history = await (await agent.Client.GetAsync(Url.Context(Address, "history"))).ReadJsonAsync(HttpStatusCode.OK);

        var item = history["items"]![0]!;
        Assert.Equal("main", item["branch"]!.GetValue<string>());
        Assert.Equal($"{agent.Id}:backend_developer", item["created_by"]!.GetValue<string>());
        Assert.Equal("code_change", item["change_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task HistoryPagesFollowTheCursorToTheEnd()
    {
        var agent = await WriteVersionsAsync(5);
        var seen = new List<int>();
        string? cursor = null;
        var pages = 0;

        do
        {
            var url = cursor is null ? Url.Context(Address, "history", ("limit", "2")) : Url.Context(Address, "history", ("limit", "2"), ("cursor", cursor));
            var page = await (await agent.Client.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
            cursor = page["next_cursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal([5, 4, 3, 2, 1], seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("limit", "0")]
    [InlineData("limit", "5000")]
    [InlineData("limit", "1001")]
    [InlineData("limit", "abc")]
    [InlineData("limit", "-1")]
    [InlineData("cursor", "garbage!!")]
    [InlineData("cursor", "Z2FyYmFnZQ")]
    public async Task AnInvalidPageRequestIsABadRequest(string name, string value)
    {
        var agent = await WriteVersionsAsync(1);

        var response = await agent.Client.GetAsync(Url.Context(Address, "history", (name, value)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheHistoryOfANodeNeverWrittenIsNotFound()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.GetAsync(Url.Context(Address, "history"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheHistoryOfANodeTheRoleMayNotReadIsForbidden()
    {
        var architect = await factory.CreateAgentAsync("senior_architect");
        await architect.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("x", more: new() { ["encrypted_for_roles"] = Json.Array("senior_architect") }));
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(Address, "history"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<TestAgent> WriteVersionsAsync(int count)
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        for (var i = 1; i <= count; i++)
        {
            Assert.True((await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body($"v{i}"))).IsSuccessStatusCode);
        }

        return agent;
    }
}
