using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>Reading a node resolves it through its ancestors, root → folder → file, like a CSS cascade.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContextResolutionTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    private string Root => _project.NodeAddress("/");

    private string Folder => _project.NodeAddress("/src");

    private string File => _project.NodeAddress("/src/api.cs");

    [Fact]
    public async Task TheNearestSummaryWins()
    {
        var view = await ReadFileAsync(fileSummary: null);

        Assert.Equal("folder summary", view["context_data"]!["summary"]!.GetValue<string>());
        Assert.Equal(Folder, view["inherited_from"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANodesOwnSummaryOverridesItsAncestors()
    {
        var view = await ReadFileAsync(fileSummary: "file summary");

        Assert.Equal("file summary", view["context_data"]!["summary"]!.GetValue<string>());
        Assert.Equal(File, view["inherited_from"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThePurposeIsInheritedFromTheRootWhenNoNearerNodeStatesOne()
    {
        var view = await ReadFileAsync(fileSummary: null);

        Assert.Equal("root purpose", view["context_data"]!["purpose"]!.GetValue<string>());
        Assert.Equal(Root, view["inherited_from"]!["purpose"]!.GetValue<string>());
    }

    [Fact]
    public async Task TechnologiesAreTheUnionDownTheChainWithTheirSources()
    {
        var view = await ReadFileAsync(fileSummary: null);

        Assert.Equal(["dotnet", "orleans", "sqlite"], Json.Strings(view["context_data"]!["technologies"]));
        var sources = view["inherited_from"]!["technologies"]!;
        Assert.Equal(Root, sources["dotnet"]!.GetValue<string>());
        Assert.Equal(Folder, sources["orleans"]!.GetValue<string>());
        Assert.Equal(File, sources["sqlite"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABangValueRemovesAnInheritedTag()
    {
        var view = await ReadFileAsync(fileSummary: null);

        Assert.Equal(["folder-tag", "file-tag"], Json.Strings(view["context_data"]!["tags"]));
        Assert.Null(view["inherited_from"]!["tags"]!["root-tag"]);
    }

    [Fact]
    public async Task InsightsListTheNodesOwnFirstThenTheNearestAncestors()
    {
        var view = await ReadFileAsync(fileSummary: null);

        Assert.Equal(["file insight", "folder insight", "root insight"], Json.Strings(view["context_data"]!["insights"]));
    }

    [Fact]
    public async Task TheHierarchyMetadataNamesTheParentAndCountsContributingAncestors()
    {
        var view = await ReadFileAsync(fileSummary: null);

        var hierarchy = view["hierarchy_metadata"]!;
        Assert.Equal(Folder, hierarchy["parent_context"]!.GetValue<string>());
        Assert.Equal(2, hierarchy["inheritance_depth"]!.GetValue<int>());
    }

    [Fact]
    public async Task APutAnswerForAFolderListsItsChildren()
    {
        // A new version of the folder, and the same content again (unchanged): both answers name the child.
        var writer = await WriteChainAsync(fileSummary: null);
        var body = ContextWrites.Body(data: new JsonObject { ["summary"] = "folder, again" });

        var updated = await (await writer.Client.PutJsonAsync(Url.Context(_project.Address("/src")), body)).ReadJsonAsync(HttpStatusCode.OK);
        var unchanged = await (await writer.Client.PutJsonAsync(Url.Context(_project.Address("/src")), body)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([File], Json.Strings(updated["hierarchy_metadata"]!["child_contexts"]));
        Assert.Equal([File], Json.Strings(unchanged["hierarchy_metadata"]!["child_contexts"]));
    }

    [Fact]
    public async Task AFoldersViewListsItsChildren()
    {
        var writer = await WriteChainAsync(fileSummary: null);

        var view = await (await writer.Client.GetAsync(Url.Context(_project.Address("/src")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal([File], Json.Strings(view["hierarchy_metadata"]!["child_contexts"]));
    }

    [Fact]
    public async Task WithoutResolutionOnlyTheNodesOwnLayerIsReturned()
    {
        var writer = await WriteChainAsync(fileSummary: null);

        var view = await (await writer.Client.GetAsync(Url.Context(_project.Address("/src/api.cs"), ("resolve", "false")))).ReadJsonAsync(HttpStatusCode.OK);

        var data = view["context_data"]!;
        Assert.Null(data["summary"]);
        Assert.Equal(["sqlite"], Json.Strings(data["technologies"]));
        Assert.Equal(["file insight"], Json.Strings(data["insights"]));
    }

    [Fact]
    public async Task WithoutResolutionThereIsNoProvenance()
    {
        var writer = await WriteChainAsync(fileSummary: null);

        var view = await (await writer.Client.GetAsync(Url.Context(_project.Address("/src/api.cs"), ("resolve", "false")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.False(view.AsObject().ContainsKey("inherited_from"));
    }

    [Fact]
    public async Task AResolveFlagThatIsNotABooleanIsABadRequest()
    {
        var writer = await WriteChainAsync(fileSummary: null);

        var response = await writer.Client.GetAsync(Url.Context(_project.Address("/src/api.cs"), ("resolve", "maybe")));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ANodeNeverWrittenIsNotFound()
    {
        var reader = await factory.CreateAgentAsync("senior_architect");

        var response = await reader.Client.GetAsync(Url.Context(_project.Address("/src/never.cs")));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AFolderKnownOnlyThroughItsChildrenIsNotFound()
    {
        var writer = await factory.CreateAgentAsync("backend_developer");
        await writer.Client.PutJsonAsync(Url.Context(_project.Address("/src/deep/a.cs")), ContextWrites.Body("a"));

        var response = await writer.Client.GetAsync(Url.Context(_project.Address("/src/deep")));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadingAsARoleTheCallerDoesNotHoldIsForbidden()
    {
        await WriteChainAsync(fileSummary: null);
        var reader = await factory.CreateAgentAsync("backend_developer");

        var response = await reader.Client.GetAsync(Url.Context(_project.Address("/src/api.cs", role: "senior_architect")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReadingOutsideTheReadingRolesScopesIsForbidden()
    {
        await WriteChainAsync(fileSummary: null);
        var reader = await factory.CreateAgentAsync("frontend_developer");

        var response = await reader.Client.GetAsync(Url.Context(_project.Address("/src/api.cs")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAncestorTheReadingRoleCannotReadContributesNothing()
    {
        await WriteChainAsync(fileSummary: null);
        var reader = await factory.CreateAgentAsync("backend_developer");

        var view = await (await reader.Client.GetAsync(Url.Context(_project.Address("/src/api.cs")))).ReadJsonAsync(HttpStatusCode.OK);

        // The root is outside backend_developer's scopes, so its purpose, technology and insight do not reach it.
        Assert.Null(view["context_data"]!["purpose"]);
        Assert.Equal(["orleans", "sqlite"], Json.Strings(view["context_data"]!["technologies"]));
    }

    private async Task<JsonNode> ReadFileAsync(string? fileSummary)
    {
        var writer = await WriteChainAsync(fileSummary);
        var response = await writer.Client.GetAsync(Url.Context(_project.Address("/src/api.cs")));
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    private async Task<TestAgent> WriteChainAsync(string? fileSummary)
    {
        var writer = await factory.CreateAgentAsync("senior_architect");
        await Put(writer, "/", new JsonObject
        {
            ["summary"] = "root summary",
            ["purpose"] = "root purpose",
            ["technologies"] = Json.Array("dotnet"),
            ["tags"] = Json.Array("root-tag"),
            ["insights"] = Json.Array("root insight"),
        });
        await Put(writer, "/src", new JsonObject
        {
            ["summary"] = "folder summary",
            ["technologies"] = Json.Array("orleans"),
            ["tags"] = Json.Array("folder-tag"),
            ["insights"] = Json.Array("folder insight"),
        });
        var file = new JsonObject
        {
            ["technologies"] = Json.Array("sqlite"),
            ["tags"] = Json.Array("!root-tag", "file-tag"),
            ["insights"] = Json.Array("file insight"),
        };
        if (fileSummary is not null)
        {
            file["summary"] = fileSummary;
        }

        await Put(writer, "/src/api.cs", file);
        return writer;
    }

    private async Task Put(TestAgent writer, string path, JsonObject data)
    {
        var response = await writer.Client.PutJsonAsync(Url.Context(_project.Address(path)), ContextWrites.Body(data: data));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
