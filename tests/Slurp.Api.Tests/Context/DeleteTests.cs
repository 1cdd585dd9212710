using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

[Collection(ApiCollection.Name)]
public sealed class DeleteTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    private string Address => _project.Address("/src/a.cs");

    [Fact]
    public async Task DeletingANodeAppendsATombstoneVersion()
    {
        var agent = await WriteAsync();

        var response = await agent.Client.DeleteAsync(Url.Context(Address));

        var tombstone = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, tombstone["version"]!.GetValue<int>());
        Assert.True(tombstone["deleted"]!.GetValue<bool>());
        Assert.Equal("deletion", tombstone["change_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADeletedNodeIsGone()
    {
        var agent = await WriteAsync();
        await agent.Client.DeleteAsync(Url.Context(Address));

        var response = await agent.Client.GetAsync(Url.Context(Address));

        await response.ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task ADeletedNodeKeepsItsHistory()
    {
        var agent = await WriteAsync();
        await agent.Client.DeleteAsync(Url.Context(Address));

        var history = await (await agent.Client.GetAsync(Url.Context(Address, "history"))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([2, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AVersionBeforeTheDeletionCanStillBeRead()
    {
        var agent = await WriteAsync();
        await agent.Client.DeleteAsync(Url.Context(Address));

        var view = await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs", temporal: "*~1")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("doomed", view["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletingADeletedNodeIsGone()
    {
        var agent = await WriteAsync();
        await agent.Client.DeleteAsync(Url.Context(Address));

        var response = await agent.Client.DeleteAsync(Url.Context(Address));

        await response.ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task WritingADeletedNodeBringsItBack()
    {
        var agent = await WriteAsync();
        await agent.Client.DeleteAsync(Url.Context(Address));

        var response = await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("doomed"));

        var view = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, view["temporal_metadata"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeletingANodeNeverWrittenIsNotFound()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.DeleteAsync(Url.Context(Address));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingByARoleThatMayNotWriteThePathIsForbidden()
    {
        await WriteAsync();
        var frontend = await factory.CreateAgentAsync("frontend_developer");

        var response = await frontend.Client.DeleteAsync(Url.Context(Address));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ShreddingByAnAdminLeavesTheNodeGone()
    {
        await WriteAsync();
        using var admin = factory.AdminClient();

        var response = await admin.DeleteAsync(Url.Context(Address, ("shred", "true")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await (await admin.GetAsync(Url.Context(Address))).ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    private async Task<TestAgent> WriteAsync()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var response = await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("doomed"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return agent;
    }
}
