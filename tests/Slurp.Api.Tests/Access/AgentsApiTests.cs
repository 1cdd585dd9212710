using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Access;

[Collection(ApiCollection.Name)]
public sealed class AgentsApiTests(SlurpApiFactory factory)
{
    private static JsonObject NewAgent(string id, params string[] roles) =>
        new() { ["agent_id"] = id, ["roles"] = Json.Array(roles) };

    private static string NewId() => "agent-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task CreatingAnAgentAnswers201WithItsRolesAndAToken()
    {
        using var admin = factory.AdminClient();
        var id = NewId();

        var response = await admin.PostJsonAsync("/v1/agents", NewAgent(id, "backend_developer", "frontend_developer"));

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, body["agent_id"]!.GetValue<string>());
        Assert.Equal(["backend_developer", "frontend_developer"], Json.Strings(body["roles"]));
        Assert.False(string.IsNullOrWhiteSpace(body["token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheIssuedTokenAuthenticatesTheAgent()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.GetAsync("/v1/roles");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RegisteringAnExistingAgentIdIsAConflict()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        using var admin = factory.AdminClient();

        var response = await admin.PostJsonAsync("/v1/agents", NewAgent(agent.Id, "backend_developer"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheTokenIsNeverShownAgainForADuplicate()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        using var admin = factory.AdminClient();

        var response = await admin.PostJsonAsync("/v1/agents", NewAgent(agent.Id, "backend_developer"));

        Assert.DoesNotContain(agent.Token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string> InvalidAgentBodies => new()
    {
        """{ "agent_id": "has space", "roles": ["backend_developer"] }""",
        """{ "agent_id": "", "roles": ["backend_developer"] }""",
        """{ "agent_id": "any", "roles": ["backend_developer"] }""",
        """{ "agent_id": "slash/y", "roles": ["backend_developer"] }""",
        """{ "roles": ["backend_developer"] }""",
        """{ "agent_id": "AGENT_ID", "roles": ["no_such_role"] }""",
        """{ "agent_id": "AGENT_ID", "roles": [] }""",
        """{ "agent_id": "AGENT_ID" }""",
        """{ "agent_id": 42, "roles": ["backend_developer"] }""",
        """{ "agent_id": "AGENT_ID", "roles": "backend_developer" }""",
        """{ "agent_id": "AGENT_ID", "roles": [1] }""",
        """{ "agent_id": "AGENT_ID", "roles": [null] }""",
        """{ "agent_id": null, "roles": ["backend_developer"] }""",
        """{ "agent_id": "admin", "roles": ["backend_developer"] }""",
        """{ "agent_id": "AGENT_ID", "roles": ["backend_developer"], "admin": true }""",
        """[ "AGENT_ID" ]""",
        """{ "agent_id": "AGENT_ID", """,
    };

    [Theory]
    [MemberData(nameof(InvalidAgentBodies))]
    public async Task AnInvalidAgentRequestIsABadRequest(string body)
    {
        using var admin = factory.AdminClient();

        var response = await admin.PostAsync("/v1/agents", Json.Content(body.Replace("AGENT_ID", NewId(), StringComparison.Ordinal)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("has space", "An agent id may hold only letters, digits, '_' and '-'; found U+0020 at position 3.")]
    [InlineData("any", "\"any\" is the address wildcard and cannot name an agent.")]
    public async Task AnInvalidAgentIdIsExplainedAsAnAgentId(string id, string message)
    {
        using var admin = factory.AdminClient();

        var response = await admin.PostJsonAsync("/v1/agents", NewAgent(id, "backend_developer"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty("agent_id")[0].GetString());
    }

    [Fact]
    public async Task ARejectedAgentRequestRegistersNothing()
    {
        using var admin = factory.AdminClient();
        var id = NewId();
        await admin.PostJsonAsync("/v1/agents", NewAgent(id, "backend_developer", "no_such_role"));

        var retry = await admin.PostJsonAsync("/v1/agents", NewAgent(id, "backend_developer"));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task ANonAdminMayNotRegisterAgents()
    {
        var agent = await factory.CreateAgentAsync("senior_architect", "project_manager");

        var response = await agent.Client.PostJsonAsync("/v1/agents", NewAgent(NewId(), "backend_developer"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RevokingAnAgentAnswers204()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        using var admin = factory.AdminClient();

        var response = await admin.DeleteAsync($"/v1/agents/{agent.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task ARevokedTokenNoLongerAuthenticates()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        using var admin = factory.AdminClient();
        await admin.DeleteAsync($"/v1/agents/{agent.Id}");

        var response = await agent.Client.GetAsync("/v1/roles");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedAtOnceEvenRightAfterItWorked()
    {
        // The silo keeps a copy of the agents it authenticated (AccessCache); a revocation through it drops the copy.
        var agent = await factory.CreateAgentAsync("backend_developer");
        Assert.Equal(HttpStatusCode.OK, (await agent.Client.GetAsync("/v1/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.Client.GetAsync("/v1/roles")).StatusCode);
        using var admin = factory.AdminClient();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/agents/{agent.Id}")).StatusCode);

        var response = await agent.Client.GetAsync("/v1/roles");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokingAnUnknownAgentIsNotFound()
    {
        using var admin = factory.AdminClient();

        var response = await admin.DeleteAsync($"/v1/agents/{NewId()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ANonAdminMayNotRevokeAgents()
    {
        var victim = await factory.CreateAgentAsync("backend_developer");
        var agent = await factory.CreateAgentAsync("senior_architect");

        var response = await agent.Client.DeleteAsync($"/v1/agents/{victim.Id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
