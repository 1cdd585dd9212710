using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>Content is read only by the roles it was written for: <c>encrypted_for_roles</c> and role overlays.</summary>
[Collection(ApiCollection.Name)]
public sealed class NeedToKnowTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task ANodeWrittenForArchitectsOnlyIsForbiddenToABackendDeveloper()
    {
        await WriteArchitectsOnlyFolderAsync();
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/src/secret")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ANodeWrittenForArchitectsOnlyIsReadableByAnArchitect()
    {
        await WriteArchitectsOnlyFolderAsync();
        var architect = await factory.CreateAgentAsync("senior_architect");

        var view = await (await architect.Client.GetAsync(Url.Context(_project.Address("/src/secret")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("architects only", view["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnArchitectsOnlySummaryDoesNotLeakIntoAChildResolvedForABackendDeveloper()
    {
        await WriteArchitectsOnlyFolderAsync();
        var backend = await factory.CreateAgentAsync("backend_developer");
        await backend.Client.PutJsonAsync(Url.Context(_project.Address("/src/secret/child.cs")), ContextWrites.Body(data: new() { ["tags"] = Json.Array("child") }));

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/src/secret/child.cs")));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("architects only", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-tag", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArchitectsOnlySummaryStillReachesAChildResolvedForAnArchitect()
    {
        await WriteArchitectsOnlyFolderAsync();
        var backend = await factory.CreateAgentAsync("backend_developer");
        await backend.Client.PutJsonAsync(Url.Context(_project.Address("/src/secret/child.cs")), ContextWrites.Body(data: new() { ["tags"] = Json.Array("child") }));
        var architect = await factory.CreateAgentAsync("senior_architect");

        var view = await (await architect.Client.GetAsync(Url.Context(_project.Address("/src/secret/child.cs")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("architects only", view["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task AChildrenListingHidesANodeTheCallerMayNotRead()
    {
        await WriteArchitectsOnlyFolderAsync();
        var backend = await factory.CreateAgentAsync("backend_developer");
        await backend.Client.PutJsonAsync(Url.Context(_project.Address("/src/open.cs")), ContextWrites.Body("open"));

        var children = await (await backend.Client.GetAsync(Url.Context(_project.Address("/src"), "children"))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([_project.NodeAddress("/src/open.cs")], Json.Strings(children["items"]));
    }

    [Fact]
    public async Task AFoldersChildContextsHideANodeTheRoleMayNotRead()
    {
        await WriteArchitectsOnlyFolderAsync();
        var backend = await factory.CreateAgentAsync("backend_developer");
        await backend.Client.PutJsonAsync(Url.Context(_project.Address("/src")), ContextWrites.Body("folder"));
        await backend.Client.PutJsonAsync(Url.Context(_project.Address("/src/open.cs")), ContextWrites.Body("open"));

        var view = await (await backend.Client.GetAsync(Url.Context(_project.Address("/src")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([_project.NodeAddress("/src/open.cs")], Json.Strings(view["hierarchy_metadata"]!["child_contexts"]));
    }

    [Fact]
    public async Task TheDeletionOfANodeTheRoleMayNotReadIsForbiddenRatherThanGone()
    {
        await WriteArchitectsOnlyFolderAsync();
        var architect = await factory.CreateAgentAsync("senior_architect");
        await architect.Client.DeleteAsync(Url.Context(_project.Address("/src/secret")));
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/src/secret")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARoleOverlayIsVisibleToItsRole()
    {
        await WriteDocWithFrontendOverlayAsync();
        var frontend = await factory.CreateAgentAsync("frontend_developer");

        var view = await (await frontend.Client.GetAsync(Url.Context(_project.Address("/docs/guide.md")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["shared insight", "frontend only"], Json.Strings(view["context_data"]!["insights"]));
        Assert.Equal(["frontend only"], Json.Strings(view["role_overlays"]!["frontend_developer"]!["insights"]));
    }

    [Fact]
    public async Task ARoleOverlayIsInvisibleToOtherRoles()
    {
        await WriteDocWithFrontendOverlayAsync();
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/docs/guide.md")));

        var view = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["shared insight"], Json.Strings(view["context_data"]!["insights"]));
        Assert.False(view.AsObject().ContainsKey("role_overlays"));
    }

    [Fact]
    public async Task ARoleOverlayIsNotInTheHistoryDiffOfAnotherRole()
    {
        var writer = await WriteDocWithFrontendOverlayAsync();
        await writer.Client.PutJsonAsync(Url.Context(_project.Address("/docs/guide.md")), ContextWrites.Body(more: new()
        {
            ["context_data"] = new JsonObject { ["insights"] = Json.Array("shared insight") },
            ["role_overlays"] = new JsonObject { ["frontend_developer"] = new JsonObject { ["insights"] = Json.Array("frontend changed") } },
        }));
        var backend = await factory.CreateAgentAsync("backend_developer");

        var response = await backend.Client.GetAsync(Url.Context(_project.Address("/docs/guide.md"), "diff", ("from", "1"), ("to", "2")));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("frontend", text, StringComparison.Ordinal);
    }

    private async Task WriteArchitectsOnlyFolderAsync()
    {
        var architect = await factory.CreateAgentAsync("senior_architect");
        var response = await architect.Client.PutJsonAsync(
            Url.Context(_project.Address("/src/secret")),
            ContextWrites.Body(
                data: new() { ["summary"] = "architects only", ["tags"] = Json.Array("secret-tag") },
                more: new() { ["encrypted_for_roles"] = Json.Array("senior_architect") }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<TestAgent> WriteDocWithFrontendOverlayAsync()
    {
        var architect = await factory.CreateAgentAsync("senior_architect");
        var response = await architect.Client.PutJsonAsync(
            Url.Context(_project.Address("/docs/guide.md")),
            ContextWrites.Body(
                data: new() { ["insights"] = Json.Array("shared insight") },
                more: new()
                {
                    ["role_overlays"] = new JsonObject
                    {
                        ["frontend_developer"] = new JsonObject { ["insights"] = Json.Array("frontend only") },
                    },
                }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return architect;
    }
}
