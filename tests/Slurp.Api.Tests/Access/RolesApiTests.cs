using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Access;

[Collection(ApiCollection.Name)]
public sealed class RolesApiTests(SlurpApiFactory factory)
{
    public static TheoryData<string, string, string[], bool> DefaultRoles => new()
    {
        { "senior_architect", "high", ["/**"], true },
        { "frontend_developer", "medium", ["/ui/**", "/web/**", "/frontend/**", "/docs/**"], true },
        { "backend_developer", "medium", ["/api/**", "/services/**", "/src/**", "/docs/**"], true },
        { "devops_engineer", "high", ["/deploy/**", "/infra/**", "/ops/**", "/.ci/**"], true },
        { "project_manager", "critical", ["/**"], true },
        { "auditor", "low", [], false },
        { "admin", "critical", ["/**"], true },
    };

    private static string NewRoleName() => "role_" + Guid.NewGuid().ToString("N");

    private static JsonObject Role(string accessLevel, string[] scopes, bool canWrite) =>
        new() { ["access_level"] = accessLevel, ["scopes"] = Json.Array(scopes), ["can_write"] = canWrite };

    [Theory]
    [MemberData(nameof(DefaultRoles))]
    public async Task TheDefaultRolesOfTheAccessMatrixExist(string name, string accessLevel, string[] scopes, bool canWrite)
    {
        var agent = await factory.CreateAgentAsync("auditor");

        var roles = await (await agent.Client.GetAsync("/v1/roles")).ReadJsonAsync(HttpStatusCode.OK);

        var role = Assert.Single(roles["items"]!.AsArray(), r => r!["name"]!.GetValue<string>() == name)!;
        Assert.Equal(accessLevel, role["access_level"]!.GetValue<string>());
        Assert.Equal(scopes, Json.Strings(role["scopes"]));
        Assert.Equal(canWrite, role["can_write"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PuttingANewRoleCreatesIt()
    {
        using var admin = factory.AdminClient();
        var name = NewRoleName();

        var response = await admin.PutJsonAsync($"/v1/roles/{name}", Role("medium", [$"/{name}/**"], true));

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(name, created["name"]!.GetValue<string>());
        var roles = await (await admin.GetAsync("/v1/roles")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(roles["items"]!.AsArray(), r => r!["name"]!.GetValue<string>() == name);
    }

    [Fact]
    public async Task PuttingAnExistingRoleUpdatesIt()
    {
        using var admin = factory.AdminClient();
        var name = NewRoleName();
        await admin.PutJsonAsync($"/v1/roles/{name}", Role("medium", [$"/{name}/**"], true));

        var response = await admin.PutJsonAsync($"/v1/roles/{name}", Role("high", [$"/{name}/**", "/shared/**"], false));

        var updated = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("high", updated["access_level"]!.GetValue<string>());
        var roles = await (await admin.GetAsync("/v1/roles")).ReadJsonAsync(HttpStatusCode.OK);
        var stored = Assert.Single(roles["items"]!.AsArray(), r => r!["name"]!.GetValue<string>() == name)!;
        Assert.Equal([$"/{name}/**", "/shared/**"], Json.Strings(stored["scopes"]));
        Assert.False(stored["can_write"]!.GetValue<bool>());
    }

    public static TheoryData<string, string> InvalidRoles => new()
    {
        { "ROLE", """{ "access_level": "extreme", "scopes": ["/x/**"], "can_write": true }""" },
        { "ROLE", """{ "scopes": ["/x/**"], "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": ["x/**"], "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": ["/x/"], "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": ["/x//y"], "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": ["/x/../y"], "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": ["/x**"], "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": "/x/**", "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": [null], "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": [""], "can_write": true }""" },
        { "ROLE", """{ "access_level": "low", "scopes": ["/x/**"], "can_write": "yes" }""" },
        { "base", """{ "access_level": "low", "scopes": ["/x/**"], "can_write": true }""" },
        { "any", """{ "access_level": "low", "scopes": ["/x/**"], "can_write": true }""" },
    };

    [Theory]
    [MemberData(nameof(InvalidRoles))]
    public async Task AnInvalidRoleIsABadRequestAndIsNotStored(string name, string body)
    {
        using var admin = factory.AdminClient();
        var roleName = name == "ROLE" ? NewRoleName() : name;

        var response = await admin.PutAsync($"/v1/roles/{roleName}", Json.Content(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var roles = await (await admin.GetAsync("/v1/roles")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(roles["items"]!.AsArray(), r => r!["name"]!.GetValue<string>() == roleName);
    }

    [Fact]
    public async Task ANonAdminMayNotChangeRoles()
    {
        var agent = await factory.CreateAgentAsync("project_manager");
        var name = NewRoleName();

        var response = await agent.Client.PutJsonAsync($"/v1/roles/{name}", Role("low", ["/x/**"], false));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheAdminRoleCannotBeDemoted()
    {
        using var admin = factory.AdminClient();

        var response = await admin.PutJsonAsync("/v1/roles/admin", Role("low", ["/**"], false));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AChangedScopeAppliesToTheVeryNextRequest()
    {
        // The silo keeps a copy of the role catalog (AccessCache); a change through it drops the copy.
        using var admin = factory.AdminClient();
        var name = NewRoleName();
        await admin.PutJsonAsync($"/v1/roles/{name}", Role("medium", [$"/{name}/a/**"], true));
        var agent = await factory.CreateAgentAsync(name);
        var project = TestProject.Create();
        var inB = Url.Context(project.Address($"/{name}/b/x.cs", role: name, agent: agent.Id));
        await (await agent.Client.PutJsonAsync(inB, ContextWrites.Body("refused"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/v1/roles/{name}", Role("medium", [$"/{name}/b/**"], true))).StatusCode);
        var widened = await agent.Client.PutJsonAsync(inB, ContextWrites.Body("allowed"));

        Assert.Equal(HttpStatusCode.Created, widened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/v1/roles/{name}", Role("medium", [$"/{name}/a/**"], true))).StatusCode);
        await (await agent.Client.PutJsonAsync(inB, ContextWrites.Body("narrowed"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAgentCanBeGivenANewlyCreatedRole()
    {
        using var admin = factory.AdminClient();
        var name = NewRoleName();
        await admin.PutJsonAsync($"/v1/roles/{name}", Role("medium", [$"/{name}/**"], true));

        var agent = await factory.CreateAgentAsync(name);

        Assert.NotEmpty(agent.Token);
    }
}
