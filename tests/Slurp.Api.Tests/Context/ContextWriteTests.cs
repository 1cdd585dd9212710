using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

[Collection(ApiCollection.Name)]
public sealed class ContextWriteTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task TheFirstWriteOfANodeIsCreatedAsVersion1()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("first"));

        var view = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, view["temporal_metadata"]!["version"]!.GetValue<int>());
        Assert.Equal("first", view["context_data"]!["summary"]!.GetValue<string>());
        Assert.Equal(_project.NodeAddress("/src/a.cs"), view["ucxl_address"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWriteIsAttributedToTheAgentAndRoleItActedAs()
    {
        var agent = await factory.CreateAgentAsync("frontend_developer", "backend_developer");

        var response = await agent.Client.PutJsonAsync(
            Url.Context(_project.Address("/docs/readme.md", role: "frontend_developer", agent: agent.Id)),
            ContextWrites.Body("docs", "architecture_change", more: new() { ["decision_ref"] = "commit:4f2a9c1" }));

        var metadata = (await response.ReadJsonAsync(HttpStatusCode.Created))["temporal_metadata"]!;
        Assert.Equal($"{agent.Id}:frontend_developer", metadata["created_by"]!.GetValue<string>());
        Assert.Equal("architecture_change", metadata["change_reason"]!.GetValue<string>());
        Assert.Equal("commit:4f2a9c1", metadata["decision_ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASecondWriteIsANewVersion()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var url = Url.Context(_project.Address("/src/a.cs"));
        await agent.Client.PutJsonAsync(url, ContextWrites.Body("first"));

        var response = await agent.Client.PutJsonAsync(url, ContextWrites.Body("second"));

        var metadata = (await response.ReadJsonAsync(HttpStatusCode.OK))["temporal_metadata"]!;
        Assert.Equal(2, metadata["version"]!.GetValue<int>());
        Assert.Equal(1, metadata["parent_version"]!.GetValue<int>());
    }

    [Fact]
    public async Task WritingContentIdenticalToTheHeadKeepsTheVersionAndSaysUnchanged()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var url = Url.Context(_project.Address("/src/a.cs"));
        await agent.Client.PutJsonAsync(url, ContextWrites.Body("same"));

        var response = await agent.Client.PutJsonAsync(url, ContextWrites.Body("same"));

        var view = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(view["unchanged"]!.GetValue<bool>());
        Assert.Equal(1, view["temporal_metadata"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnUnchangedWriteAddsNoHistory()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/a.cs");
        await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("same"));
        await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("same"));

        var history = await (await agent.Client.GetAsync(Url.Context(address, "history"))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Single(history["items"]!.AsArray());
    }

    [Fact]
    public async Task AWriteWithTheHeadAsExpectedVersionSucceeds()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var url = Url.Context(_project.Address("/src/a.cs"));
        await agent.Client.PutJsonAsync(url, ContextWrites.Body("first"));

        var response = await agent.Client.PutJsonAsync(url, ContextWrites.Body("second", more: new() { ["expected_version"] = 1 }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ExpectedVersionZeroCreatesANodeThatDoesNotExistYet()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PutJsonAsync(
            Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("first", more: new() { ["expected_version"] = 0 }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AWriteWithAStaleExpectedVersionIsAConflictAndStoresNothing()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/a.cs");
        await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("first"));
        await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("second"));

        var response = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("third", more: new() { ["expected_version"] = 1 }));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var head = await (await agent.Client.GetAsync(Url.Context(address))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("second", head["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpectedVersionZeroOnAnExistingNodeIsAConflict()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var url = Url.Context(_project.Address("/src/a.cs"));
        await agent.Client.PutJsonAsync(url, ContextWrites.Body("first"));

        var response = await agent.Client.PutJsonAsync(url, ContextWrites.Body("second", more: new() { ["expected_version"] = 0 }));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task EncryptedForRolesDefaultsToTheRolesThatCoverThePathAtTheClassification()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("x"));

        var readers = Json.Strings((await response.ReadJsonAsync(HttpStatusCode.Created))["encryption_metadata"]!["encrypted_for_roles"]);
        Assert.Equal(["admin", "backend_developer", "project_manager", "senior_architect"], readers);
    }

    [Fact]
    public async Task AHigherClassificationNarrowsTheDefaultReaders()
    {
        var agent = await factory.CreateAgentAsync("senior_architect");

        var response = await agent.Client.PutJsonAsync(
            Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("x", more: new() { ["classification"] = "critical" }));

        var readers = Json.Strings((await response.ReadJsonAsync(HttpStatusCode.Created))["encryption_metadata"]!["encrypted_for_roles"]);
        Assert.Equal(["admin", "project_manager", "senior_architect"], readers);
    }

    [Fact]
    public async Task AWriteAsAnyRoleUsesARoleOfTheCallerThatMayWriteThePath()
    {
        var agent = await factory.CreateAgentAsync("frontend_developer", "backend_developer");

        var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("x"));

        var metadata = (await response.ReadJsonAsync(HttpStatusCode.Created))["temporal_metadata"]!;
        Assert.Equal($"{agent.Id}:backend_developer", metadata["created_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWriteCanNameTheNodesItWasInfluencedBy()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var influence = _project.Address("/src/b.cs");

        var response = await agent.Client.PutJsonAsync(
            Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("x", more: new() { ["influences"] = Json.Array(influence) }));

        var metadata = (await response.ReadJsonAsync(HttpStatusCode.Created))["temporal_metadata"]!;
        Assert.Equal([influence], Json.Strings(metadata["influences"]));
    }

    [Theory]
    [InlineData("/src/my file.cs")]
    [InlineData("/src/ü.cs")]
    [InlineData("/src/日本")]
    [InlineData("/src/a%20b?c#d&e=f")]
    [InlineData("/src/*.cs")]
    public async Task APathSegmentMayHoldAnyPrintableCharacterButSlash(string path)
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await agent.Client.PutJsonAsync(Url.Context(_project.Address(path)), ContextWrites.Body("about " + path));

        var view = await (await agent.Client.GetAsync(Url.Context(_project.Address(path)))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(_project.NodeAddress(path), view["ucxl_address"]!.GetValue<string>());
        Assert.Equal("about " + path, view["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task APathDeeperThanTheCascadeLimitIsABadRequest()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var path = "/src" + string.Concat(Enumerable.Range(0, 40).Select(i => "/d" + i));

        var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address(path)), ContextWrites.Body("deep"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheRootOfAProjectCanBeWritten()
    {
        var agent = await factory.CreateAgentAsync("senior_architect");

        var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address("/")), ContextWrites.Body("root"));

        var view = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(_project.NodeAddress("/"), view["ucxl_address"]!.GetValue<string>());
    }
}
