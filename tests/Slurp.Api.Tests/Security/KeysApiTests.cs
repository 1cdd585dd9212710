using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Security;

/// <summary><c>GET /v1/keys</c> and <c>POST /v1/keys/{role}/rotate</c>.</summary>
[Collection(KeyRotationCollection.Name)]
public sealed class KeysApiTests(QuickRewrapFactory factory)
{
    private static readonly TimeSpan RewrapDeadline = TimeSpan.FromSeconds(20);

    private readonly TestProject _project = TestProject.Create();

    [Theory]
    [InlineData("admin")]
    [InlineData("auditor")]
    public async Task AdminAndAuditorListEveryRolesKeyVersions(string role)
    {
        var writer = await factory.CreateAgentAsync("backend_developer");
        await (await writer.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("gives the role a key"))).ReadJsonAsync(HttpStatusCode.Created);
        var agent = await factory.CreateAgentAsync(role);

        var page = await (await agent.Client.GetAsync("/v1/keys")).ReadJsonAsync(HttpStatusCode.OK);

        var items = page["items"]!.AsArray();
        var names = items.Select(i => i!["role"]!.GetValue<string>()).ToList();
        Assert.Contains("backend_developer", names);
        Assert.Contains("auditor", names);
        var backend = items.Single(i => i!["role"]!.GetValue<string>() == "backend_developer")!;
        var active = Assert.Single(backend["versions"]!.AsArray(), v => v!["status"]!.GetValue<string>() == "active")!;
        Assert.True(active["version"]!.GetValue<int>() >= 1);
        Assert.True(active["expires_at"]!.GetValue<DateTimeOffset>() > active["created_at"]!.GetValue<DateTimeOffset>());
        Assert.NotNull(backend["rewrap"]);
        Assert.DoesNotContain("material", page.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ABackendDeveloperMayNotListKeysAndTheAttemptIsAudited()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.GetAsync("/v1/keys");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", agent.Id)))!;
        Assert.Equal("denied", entry.Text("outcome"));
        Assert.Equal("/v1/keys", entry.Text("address"));
    }

    [Fact]
    public async Task RotatingByTheAdminCreatesTheNextVersion()
    {
        var before = await ActiveVersionAsync("frontend_developer");
        using var admin = factory.AdminClient();

        var rotated = await (await admin.PostAsync("/v1/keys/frontend_developer/rotate", null)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(before + 1, rotated["version"]!.GetValue<int>());
        Assert.Equal("active", rotated["status"]!.GetValue<string>());
        Assert.Equal(before + 1, await ActiveVersionAsync("frontend_developer"));
        var old = (await VersionsAsync("frontend_developer")).Single(v => v!["version"]!.GetValue<int>() == before)!;
        Assert.NotEqual("active", old["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RotatingAnUnknownRoleIsNotFound()
    {
        using var admin = factory.AdminClient();

        var response = await admin.PostAsync("/v1/keys/no_such_role/rotate", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("senior_architect")]
    [InlineData("devops_engineer")]
    public async Task RotatingByANonAdminIsForbiddenAndChangesNothing(string role)
    {
        var before = await ActiveVersionAsync("devops_engineer");
        var agent = await factory.CreateAgentAsync(role);

        var response = await agent.Client.PostAsync("/v1/keys/devops_engineer/rotate", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await ActiveVersionAsync("devops_engineer"));
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", agent.Id)))!;
        Assert.Equal("denied", entry.Text("outcome"));
    }

    [Fact]
    public async Task ContentWrittenBeforeARotationReadsBackAfterItAndAfterTheRewrap()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/rotated.cs");
        var written = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("written before rotation", more: new()
        {
            ["encrypted_for_roles"] = Json.Array("backend_developer"),
        }));
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var old = await ActiveVersionAsync("backend_developer");
        using var admin = factory.AdminClient();

        var rotated = await (await admin.PostAsync("/v1/keys/backend_developer/rotate", null)).ReadJsonAsync(HttpStatusCode.OK);
        var rightAfter = await ReadSummaryAsync(agent, address);
        var rewrap = await RewrapCompletedAsync("backend_developer", rotated["version"]!.GetValue<int>());
        var afterRewrap = await ReadSummaryAsync(agent, address);

        Assert.Equal("written before rotation", rightAfter);
        Assert.True(rewrap["keys_rewrapped"]!.GetValue<int>() >= 1, rewrap.ToJsonString());
        Assert.Null(rewrap["last_error"]?.GetValue<string>());
        var retired = (await VersionsAsync("backend_developer")).Single(v => v!["version"]!.GetValue<int>() == old)!;
        Assert.Equal("retired", retired["status"]!.GetValue<string>());
        Assert.Equal("written before rotation", afterRewrap);
    }

    private static async Task<string> ReadSummaryAsync(TestAgent agent, string address)
    {
        var view = await (await agent.Client.GetAsync(Url.Context(address))).ReadJsonAsync(HttpStatusCode.OK);
        return view["context_data"]!["summary"]!.GetValue<string>();
    }

    private async Task<JsonNode> RoleKeysAsync(string role)
    {
        using var admin = factory.AdminClient();
        var page = await (await admin.GetAsync("/v1/keys")).ReadJsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray().Single(i => i!["role"]!.GetValue<string>() == role)!;
    }

    private async Task<JsonArray> VersionsAsync(string role) => (await RoleKeysAsync(role))["versions"]!.AsArray();

    /// <summary>The active version, made first (by a write the role reads) when the role has no key yet.</summary>
    private async Task<int> ActiveVersionAsync(string role)
    {
        if (!(await VersionsAsync(role)).Any(v => v!["status"]!.GetValue<string>() == "active"))
        {
            using var admin = factory.AdminClient();
            var written = await admin.PutJsonAsync(
                Url.Context(TestProject.Create().Address("/deploy/x")),
                ContextWrites.Body("key maker", more: new() { ["encrypted_for_roles"] = Json.Array(role) }));
            Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        }

        return (await VersionsAsync(role)).Single(v => v!["status"]!.GetValue<string>() == "active")!["version"]!.GetValue<int>();
    }

    /// <summary>Polls the role's re-wrap status until the pass to <paramref name="target"/> has completed (at most 20 s).</summary>
    private async Task<JsonNode> RewrapCompletedAsync(string role, int target)
    {
        var deadline = DateTimeOffset.UtcNow + RewrapDeadline;
        while (true)
        {
            var rewrap = (await RoleKeysAsync(role))["rewrap"]!;
            if (rewrap["target_version"]!.GetValue<int>() == target && rewrap["completed_at"] is not null)
            {
                return rewrap;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the re-wrap of {role} to version {target} did not complete within {RewrapDeadline}: {rewrap.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
