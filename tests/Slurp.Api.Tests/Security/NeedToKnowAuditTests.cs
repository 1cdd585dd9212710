using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Security;

/// <summary>Denied reads are 403 and land in the audit log; listings never reveal what the caller cannot read.</summary>
[Collection(ApiCollection.Name)]
public sealed class NeedToKnowAuditTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task AReadOfANodeForArchitectsOnlyIsForbiddenAndAuditedAsDenied()
    {
        await WriteAsArchitectAsync("/src/secret.cs", "architects only", ["senior_architect"]);
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/src/secret.cs")));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("architects only", problem.GetRawText(), StringComparison.Ordinal);
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", backend.Id)))!;
        Assert.Equal("read", entry.Text("action"));
        Assert.Equal("denied", entry.Text("outcome"));
        Assert.Equal(_project.NodeAddress("/src/secret.cs"), entry.Text("address"));
    }

    [Fact]
    public async Task AnOlderVersionForArchitectsOnlyIsForbiddenAndAudited()
    {
        await WriteAsArchitectAsync("/src/moved.cs", "architects only at first", ["senior_architect"]);
        await WriteAsArchitectAsync("/src/moved.cs", "now for everyone", null);
        var backend = await factory.CreateAgentAsync("backend_developer");

        var latest = await backend.Client.GetAsync(Url.Context(_project.Address("/src/moved.cs")));
        var first = await backend.Client.GetAsync(Url.Context(_project.Address("/src/moved.cs", temporal: "*~1")));

        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        await first.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var denied = Assert.Single(await factory.AuditEntriesAsync(("agent", backend.Id), ("outcome", "denied")))!;
        Assert.Equal("read", denied.Text("action"));
        Assert.Equal(_project.NodeAddress("/src/moved.cs"), denied.Text("address"));
    }

    [Fact]
    public async Task ReadingAsARoleTheCallerDoesNotHoldIsForbiddenAndAudited()
    {
        await WriteAsArchitectAsync("/src/open.cs", "open", null);
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/src/open.cs", role: "senior_architect")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", backend.Id)))!;
        Assert.Equal("read", entry.Text("action"));
        Assert.Equal("denied", entry.Text("outcome"));
        Assert.Equal("senior_architect", entry.Text("role"));
        Assert.Equal(_project.NodeAddress("/src/open.cs"), entry.Text("address"));
    }

    [Theory]
    [InlineData("history")]
    [InlineData("branches")]
    public async Task TheVersionMetadataOfANodeForArchitectsOnlyIsForbiddenAndAudited(string route)
    {
        await WriteAsArchitectAsync("/src/plans.cs", "architects only", ["senior_architect"]);
        var architect = await factory.CreateAgentAsync("senior_architect");
        var branched = await architect.Client.PostJsonAsync(
            Url.Context(_project.Address("/src/plans.cs"), "branches"), new JsonObject { ["name"] = "secret-merger", ["from_version"] = 1 });
        Assert.Equal(HttpStatusCode.Created, branched.StatusCode);
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/src/plans.cs"), route));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("secret-merger", problem.GetRawText(), StringComparison.Ordinal);
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", backend.Id)))!;
        Assert.Equal("denied", entry.Text("outcome"));
        Assert.Equal(_project.NodeAddress("/src/plans.cs"), entry.Text("address"));
    }

    [Fact]
    public async Task TheBranchListShowsOnlyBranchesWhoseHeadTheCallerMayRead()
    {
        await WriteAsArchitectAsync("/src/forked.cs", "architects only", ["senior_architect"]);
        await WriteAsArchitectAsync("/src/forked.cs", "for everyone", null);
        var architect = await factory.CreateAgentAsync("senior_architect");
        var branched = await architect.Client.PostJsonAsync(
            Url.Context(_project.Address("/src/forked.cs"), "branches"), new JsonObject { ["name"] = "hidden", ["from_version"] = 1 });
        Assert.Equal(HttpStatusCode.Created, branched.StatusCode);
        var backend = await factory.CreateAgentAsync("backend_developer");

        var seenByBackend = await (await backend.Client.GetAsync(Url.Context(_project.Address("/src/forked.cs"), "branches"))).ReadJsonAsync(HttpStatusCode.OK);
        var seenByArchitect = await (await architect.Client.GetAsync(Url.Context(_project.Address("/src/forked.cs"), "branches"))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["main"], seenByBackend["items"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()));
        Assert.Equal(["hidden", "main"], seenByArchitect["items"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ADiffThatTouchesAVersionForArchitectsOnlyIsForbiddenAndAudited()
    {
        await WriteAsArchitectAsync("/src/diffed.cs", "architects only", ["senior_architect"]);
        await WriteAsArchitectAsync("/src/diffed.cs", "for everyone", null);
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/src/diffed.cs"), "diff", ("from", "1"), ("to", "2")));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("architects only", problem.GetRawText(), StringComparison.Ordinal);
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", backend.Id)))!;
        Assert.Equal("diff", entry.Text("action"));
        Assert.Equal("denied", entry.Text("outcome"));
    }

    [Fact]
    public async Task ChildrenNeverListsANodeTheCallerCannotReadOnAnyPage()
    {
        foreach (var name in new[] { "a.cs", "c.cs", "e.cs" })
        {
            await WriteAsArchitectAsync("/src/" + name, "hidden " + name, ["senior_architect"]);
        }

        foreach (var name in new[] { "b.cs", "d.cs" })
        {
            await WriteAsArchitectAsync("/src/" + name, "open " + name, null);
        }

        var backend = await factory.CreateAgentAsync("backend_developer");
        var architect = await factory.CreateAgentAsync("senior_architect");

        var seenByBackend = await AllChildrenAsync(backend, _project.Address("/src"));
        var seenByArchitect = await AllChildrenAsync(architect, _project.Address("/src"));
        var asArchitectRole = await backend.Client.GetAsync(Url.Context(_project.Address("/src", role: "senior_architect"), "children"));

        Assert.Equal([_project.NodeAddress("/src/b.cs"), _project.NodeAddress("/src/d.cs")], seenByBackend);
        Assert.Equal(["a.cs", "b.cs", "c.cs", "d.cs", "e.cs"], seenByArchitect.Select(a => a[(a.LastIndexOf('/') + 1)..]));
        await asArchitectRole.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ChildrenHidesAFolderWhoseOwnContentTheCallerCannotRead()
    {
        await WriteAsArchitectAsync("/src/vault", "architect folder", ["senior_architect"]);
        await WriteAsArchitectAsync("/src/public", "everyone", null);
        var backend = await factory.CreateAgentAsync("backend_developer");

        var seen = await AllChildrenAsync(backend, _project.Address("/src"));

        Assert.Equal([_project.NodeAddress("/src/public")], seen);
    }

    private async Task<List<string>> AllChildrenAsync(TestAgent agent, string folder)
    {
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            (string, string)[] query = cursor is null ? [("limit", "1")] : [("limit", "1"), ("cursor", cursor)];
            var page = await (await agent.Client.GetAsync(Url.Context(folder, "children", query))).ReadJsonAsync(HttpStatusCode.OK);
            seen.AddRange(Json.Strings(page["items"]));
            cursor = page["next_cursor"]?.GetValue<string>();
            if (cursor is null)
            {
                return seen;
            }
        }

        Assert.Fail("children paging does not end");
        return seen;
    }

    private async Task WriteAsArchitectAsync(string path, string summary, string[]? readers)
    {
        var architect = await factory.CreateAgentAsync("senior_architect");
        var more = readers is null ? null : new JsonObject { ["encrypted_for_roles"] = Json.Array(readers) };
        var response = await architect.Client.PutJsonAsync(Url.Context(_project.Address(path)), ContextWrites.Body(summary, more: more));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
