using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Seal;

/// <summary>The dev seal (the default): it initializes and unseals itself, and cannot be inited or sealed from the API.</summary>
[Collection(ApiCollection.Name)]
public sealed class DevSealTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task TheDevSealIsInitializedAndUnsealed()
    {
        using var client = factory.CreateClient();

        var status = await client.SealStatusAsync();

        Assert.True(status["initialized"]!.GetValue<bool>());
        Assert.False(status["sealed"]!.GetValue<bool>());
        Assert.Equal("dev", status["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task InitInDevModeIsAConflict()
    {
        using var client = factory.CreateClient();

        var response = await client.InitAsync(5, 3);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UnsealingInDevModeIsAConflict()
    {
        using var client = factory.CreateClient();

        var response = await client.UnsealAsync(Convert.ToBase64String([1, .. new byte[32]]));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task SealingInDevModeIsAConflictAndContextStaysAvailable()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await (await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("still here"))).ReadJsonAsync(HttpStatusCode.Created);
        var admin = await factory.CreateAgentAsync("admin");

        var response = await admin.Client.PostAsync("/v1/sys/seal", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", admin.Id)))!;
        Assert.Equal("seal", entry.Text("action"));
        Assert.Equal("failed", entry.Text("outcome"));
        using var anonymous = factory.CreateClient();
        Assert.False((await anonymous.SealStatusAsync())["sealed"]!.GetValue<bool>());
        var view = await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs")))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("still here", view["context_data"]!["summary"]!.GetValue<string>());
    }
}
