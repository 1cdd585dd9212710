using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Security;

/// <summary><c>GET /v1/security/metrics</c> (admin, auditor).</summary>
[Collection(ApiCollection.Name)]
public sealed class SecurityMetricsTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Theory]
    [InlineData("admin")]
    [InlineData("auditor")]
    public async Task AdminAndAuditorReadTheMetrics(string role)
    {
        var writer = await factory.CreateAgentAsync("backend_developer");
        await (await writer.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("a"))).ReadJsonAsync(HttpStatusCode.Created);
        var agent = await factory.CreateAgentAsync(role);

        var metrics = await (await agent.Client.GetAsync("/v1/security/metrics")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.True(metrics["active_keys"]!.GetValue<int>() >= 1);
        Assert.Equal(0, metrics["expired_keys"]!.GetValue<int>());
        Assert.Equal(0, metrics["keys_due_for_rotation"]!.GetValue<int>());
        Assert.True(metrics["access_violations_24h"]!.GetValue<long>() >= 0);
        Assert.True(metrics["audit_entries"]!.GetValue<long>() >= 1);
        Assert.False(metrics["sealed"]!.GetValue<bool>());
        Assert.True(metrics["audit_intact"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("backend_developer")]
    [InlineData("senior_architect")]
    [InlineData("project_manager")]
    public async Task OtherRolesMayNotReadTheMetrics(string role)
    {
        var agent = await factory.CreateAgentAsync(role);

        var response = await agent.Client.GetAsync("/v1/security/metrics");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("denied", Assert.Single(await factory.AuditEntriesAsync(("agent", agent.Id)))!.Text("outcome"));
    }

    [Fact]
    public async Task TheDevSealCostsTheScoreAndTheDeductionSaysSo()
    {
        using var admin = factory.AdminClient();

        var metrics = await (await admin.GetAsync("/v1/security/metrics")).ReadJsonAsync(HttpStatusCode.OK);

        var score = metrics["security_score"]!.GetValue<int>();
        Assert.InRange(score, 0, 75);
        Assert.Equal("dev", metrics["seal_mode"]!.GetValue<string>());
        var deductions = metrics["score_deductions"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains(deductions, d => d.StartsWith("-25", StringComparison.Ordinal) && d.Contains("dev mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADeniedReadRaisesTheViolationCountAndEveryRequestTheEntryCount()
    {
        var architect = await factory.CreateAgentAsync("senior_architect");
        await architect.Client.PutJsonAsync(Url.Context(_project.Address("/src/secret.cs")), ContextWrites.Body("secret", more: new()
        {
            ["encrypted_for_roles"] = Json.Array("senior_architect"),
        }));
        var backend = await factory.CreateAgentAsync("backend_developer");
        var before = await MetricsAsync();

        await (await backend.Client.GetAsync(Url.Context(_project.Address("/src/secret.cs")))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var after = await MetricsAsync();

        Assert.True(after["access_violations_24h"]!.GetValue<long>() > before["access_violations_24h"]!.GetValue<long>());
        Assert.True(after["audit_entries"]!.GetValue<long>() > before["audit_entries"]!.GetValue<long>());
    }

    private async Task<JsonNode> MetricsAsync()
    {
        using var admin = factory.AdminClient();
        return await (await admin.GetAsync("/v1/security/metrics")).ReadJsonAsync(HttpStatusCode.OK);
    }
}
