using System.Net;
using System.Text;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>Writes the API must refuse; a refused write stores nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContextWriteRejectionTests(SlurpApiFactory factory)
{
    private const string TargetPath = "/src/x.cs";

    private readonly TestProject _project = TestProject.Create();

    public static TheoryData<string, string> MalformedAddresses => new()
    {
        { "bad scheme", "http://any:any@PROJECT:t/src/x" },
        { "empty segment", "ucxl://any:any@PROJECT:t/src//x" },
        { "trailing slash", "ucxl://any:any@PROJECT:t/src/x/" },
        { "dot-dot segment", "ucxl://any:any@PROJECT:t/src/../x" },
        { "dot segment", "ucxl://any:any@PROJECT:t/src/./x" },
        { "temporal selector on a write", "ucxl://any:any@PROJECT:t/*^/src/x" },
        { "invalid temporal selector", "ucxl://any:any@PROJECT:t/~~x/src/x" },
        { "project any", "ucxl://any:any@any:t/src/x" },
        { "task any", "ucxl://any:any@PROJECT:any/src/x" },
        { "invalid task characters", "ucxl://any:any@PROJECT:t!/src/x" },
        { "no path", "ucxl://any:any@PROJECT:t" },
        { "control character in a segment", "ucxl://any:any@PROJECT:t/src/a\u0001b" },
        { "no agent and role", "ucxl://PROJECT:t/src/x" },
        { "not an address", "src/x" },
    };

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "missing context_data", """{ "change_reason": "code_change" }""" },
        { "null context_data", """{ "context_data": null, "change_reason": "code_change" }""" },
        { "missing change_reason", """{ "context_data": { "summary": "x" } }""" },
        { "unknown change_reason", """{ "context_data": { "summary": "x" }, "change_reason": "because" }""" },
        { "tags is a string", """{ "context_data": { "tags": "x" }, "change_reason": "code_change" }""" },
        { "summary is a number", """{ "context_data": { "summary": 7 }, "change_reason": "code_change" }""" },
        { "expected_version is a string", """{ "context_data": {}, "change_reason": "code_change", "expected_version": "1" }""" },
        { "expected_version is negative", """{ "context_data": {}, "change_reason": "code_change", "expected_version": -1 }""" },
        { "unknown field", """{ "context_data": {}, "change_reason": "code_change", "colour": "red" }""" },
        { "unknown context_data field", """{ "context_data": { "colour": "red" }, "change_reason": "code_change" }""" },
        { "unknown role in encrypted_for_roles", """{ "context_data": {}, "change_reason": "code_change", "encrypted_for_roles": ["no_such_role"] }""" },
        { "null role in encrypted_for_roles", """{ "context_data": {}, "change_reason": "code_change", "encrypted_for_roles": [null] }""" },
        { "null role overlay", """{ "context_data": {}, "change_reason": "code_change", "role_overlays": { "backend_developer": null } }""" },
        { "empty encrypted_for_roles", """{ "context_data": {}, "change_reason": "code_change", "encrypted_for_roles": [] }""" },
        { "unknown role in role_overlays", """{ "context_data": {}, "change_reason": "code_change", "role_overlays": { "no_such_role": { "summary": "x" } } }""" },
        { "influence is not an address", """{ "context_data": {}, "change_reason": "code_change", "influences": ["src/b.cs"] }""" },
        { "null influence", """{ "context_data": {}, "change_reason": "code_change", "influences": [null] }""" },
        { "influence names no single node", """{ "context_data": {}, "change_reason": "code_change", "influences": ["ucxl://any:any@any:t/src/b.cs"] }""" },
        { "unknown classification", """{ "context_data": {}, "change_reason": "code_change", "classification": "secret" }""" },
        { "invalid branch name", """{ "context_data": {}, "change_reason": "code_change", "branch": "no spaces please" }""" },
        { "null tag", """{ "context_data": { "tags": [null] }, "change_reason": "code_change" }""" },
        { "empty tag", """{ "context_data": { "tags": [""] }, "change_reason": "code_change" }""" },
        { "removal of nothing", """{ "context_data": { "tags": ["!"] }, "change_reason": "code_change" }""" },
        { "JSON null", "null" },
        { "JSON array", """[ { "context_data": {}, "change_reason": "code_change" } ]""" },
        { "truncated JSON", """{ "context_data": {""" },
        { "trailing comma", """{ "context_data": {}, "change_reason": "code_change", }""" },
        { "a field given twice", """{ "context_data": { "summary": "a" }, "change_reason": "code_change", "context_data": { "summary": "b" } }""" },
        { "a context_data field given twice", """{ "context_data": { "summary": "a", "summary": "b" }, "change_reason": "code_change" }""" },
        { "a role overlay given twice", """{ "context_data": {}, "change_reason": "code_change", "role_overlays": { "backend_developer": { "summary": "a" }, "backend_developer": { "summary": "b" } } }""" },
        { "empty body", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedAddresses))]
    public async Task AWriteToAMalformedAddressIsABadRequestAndStoresNothing(string why, string address)
    {
        var agent = await factory.CreateAgentAsync("senior_architect");

        var response = await agent.Client.PutJsonAsync(Url.Context(address.Replace("PROJECT", _project.Name, StringComparison.Ordinal)), ContextWrites.Body("x"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), why);
        await AssertProjectIsEmptyAsync();
    }

    [Fact]
    public async Task AWriteWithoutAnAddressIsABadRequest()
    {
        var agent = await factory.CreateAgentAsync("senior_architect");

        var response = await agent.Client.PutJsonAsync("/v1/context", ContextWrites.Body("x"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("address", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedAddressIsExplainedByThePartAtFault()
    {
        var agent = await factory.CreateAgentAsync("senior_architect");

        var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/../x")), ContextWrites.Body("x"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("path", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task AnInvalidBodyIsABadRequestAndStoresNothing(string why, string body)
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address(TargetPath);

        var response = await agent.Client.PutAsync(Url.Context(address), Json.Content(body));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), why);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task AnInvalidBodyNamesTheFieldAtFault()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PutAsync(
            Url.Context(_project.Address(TargetPath)),
            Json.Content("""{ "context_data": {}, "change_reason": "code_change", "encrypted_for_roles": ["backend_developer", "no_such_role"] }"""));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("encrypted_for_roles[1]", out _), problem.ToString());
    }

    [Fact]
    public async Task AWrongJsonTypeIsExplainedInJsonTerms()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PutAsync(
            Url.Context(_project.Address(TargetPath)),
            Json.Content("""{ "context_data": { "tags": "x" }, "change_reason": "code_change" }"""));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("array of strings", problem.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFieldGivenTwiceIsNamedAndExplainedInJsonTerms()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PutAsync(
            Url.Context(_project.Address(TargetPath)),
            Json.Content("""{ "context_data": { "summary": "a", "tags": ["x"], "summary": "b" }, "change_reason": "code_change" }"""));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("$.context_data.summary", out var messages), problem.ToString());
        Assert.Contains("more than once", messages[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Slurp.", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidBodyLeavesAnExistingNodesHistoryUnchanged()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address(TargetPath);
        await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("kept"));

        var response = await agent.Client.PutAsync(Url.Context(address), Json.Content("""{ "context_data": { "summary": "lost" }, "change_reason": "because" }"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var history = await (await agent.Client.GetAsync(Url.Context(address, "history"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Single(history["items"]!.AsArray());
    }

    [Fact]
    public async Task ARoleMayNotWriteOutsideItsScopes()
    {
        var agent = await factory.CreateAgentAsync("frontend_developer");
        var address = _project.Address(TargetPath, role: "frontend_developer");

        var response = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("x"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task AnAgentWithNoRoleCoveringThePathMayNotWriteThere()
    {
        var agent = await factory.CreateAgentAsync("frontend_developer", "devops_engineer");
        var address = _project.Address(TargetPath);

        var response = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("x"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task ARoleThatCannotWriteMayNotWrite()
    {
        var agent = await factory.CreateAgentAsync("auditor");
        var address = _project.Address(TargetPath, role: "auditor");

        var response = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("x"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task AWriteMayNotActAsAnotherAgent()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var other = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address(TargetPath, role: "backend_developer", agent: other.Id);

        var response = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("x"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task AWriteMayNotActAsARoleTheCallerDoesNotHold()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address(TargetPath, role: "senior_architect");

        var response = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("x"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task AWriteThatIsNotJsonIsAnUnsupportedMediaTypeAndStoresNothing()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address(TargetPath);
        var body = new StringContent(ContextWrites.Body("x").ToJsonString(), Encoding.UTF8, "text/plain");

        var response = await agent.Client.PutAsync(Url.Context(address), body);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task AFormPostedWriteIsAnUnsupportedMediaType()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var body = new FormUrlEncodedContent([new("context_data", "x"), new("change_reason", "code_change")]);

        var response = await agent.Client.PutAsync(Url.Context(_project.Address(TargetPath)), body);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIsTooLargeAndStoresNothing()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address(TargetPath);
        var body = ContextWrites.Body("x");
        body["context_data"]!["insights"] = Json.Array([.. Enumerable.Range(0, 300).Select(i => new string('i', 4000) + i)]);

        var response = await agent.Client.PutJsonAsync(Url.Context(address), body);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNotStoredAsync();
    }

    private async Task AssertNotStoredAsync()
    {
        using var admin = factory.AdminClient();
        var response = await admin.GetAsync(Url.Context(_project.Address(TargetPath)));
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task AssertProjectIsEmptyAsync()
    {
        using var admin = factory.AdminClient();
        var children = await (await admin.GetAsync(Url.Context(_project.Address("/"), "children"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(children["items"]!.AsArray());
        await (await admin.GetAsync(Url.Context(_project.Address("/")))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
