using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>Many agents at once: one node has one writer at a time, and distinct nodes do not interfere.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrencyTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task OfManyRacingConditionalWritesExactlyOneWins()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var url = Url.Context(_project.Address("/src/contended.cs"));
        await agent.Client.PutJsonAsync(url, ContextWrites.Body("start"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            agent.Client.PutJsonAsync(url, ContextWrites.Body($"racer {i}", more: new() { ["expected_version"] = 1 }))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(63, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task TheLosersOfARaceLeaveOnlyTheWinnersVersion()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/contended.cs");
        await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("start"));

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body($"racer {i}", more: new() { ["expected_version"] = 1 }))));

        var history = await (await agent.Client.GetAsync(Url.Context(address, "history"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([2, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ParallelWritesToDistinctNodesAreAllStoredAndListed()
    {
        const int Count = 500;
        var agent = await factory.CreateAgentAsync("backend_developer");
        var paths = Enumerable.Range(0, Count).Select(i => $"/src/parallel/n{i:D3}.cs").ToArray();

        var writes = await Task.WhenAll(paths.Select(p =>
            agent.Client.PutJsonAsync(Url.Context(_project.Address(p)), ContextWrites.Body("content of " + p))));

        Assert.All(writes, w => Assert.Equal(HttpStatusCode.Created, w.StatusCode));
        var reads = await Task.WhenAll(paths.Select(async p =>
            (await (await agent.Client.GetAsync(Url.Context(_project.Address(p), ("resolve", "false")))).ReadJsonAsync(HttpStatusCode.OK))["context_data"]!["summary"]!.GetValue<string>()));
        Assert.Equal(paths.Select(p => "content of " + p), reads);
        var children = await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/parallel"), "children", ("limit", "1000")))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(paths.Select(_project.NodeAddress), Json.Strings(children["items"]));
        Assert.Null(children["next_cursor"]);
    }
}
