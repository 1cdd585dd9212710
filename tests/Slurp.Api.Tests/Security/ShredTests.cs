using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Security;

/// <summary><c>DELETE /v1/context?...&amp;shred=true</c> (admin): the node's data keys are destroyed.</summary>
[Collection(ApiCollection.Name)]
public sealed class ShredTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();
    private readonly string _marker = "shred-" + Guid.NewGuid().ToString("N");

    private string Address => _project.Address("/src/doomed.cs");

    [Theory]
    [InlineData("backend_developer")]
    [InlineData("senior_architect")]
    [InlineData("project_manager")]
    public async Task ShreddingByANonAdminIsForbiddenAndAuditedAndKeepsTheContent(string role)
    {
        var writer = await WriteTwoVersionsAsync();
        var agent = await factory.CreateAgentAsync(role);

        var response = await agent.Client.DeleteAsync(Url.Context(Address, ("shred", "true")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var view = await (await writer.Client.GetAsync(Url.Context(Address))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(_marker + "-v2", view["context_data"]!["summary"]!.GetValue<string>());
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", agent.Id)))!;
        Assert.Equal("shred", entry.Text("action"));
        Assert.Equal("denied", entry.Text("outcome"));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("")]
    public async Task AShredFlagThatIsNotABooleanIsABadRequest(string flag)
    {
        await WriteTwoVersionsAsync();
        using var admin = factory.AdminClient();

        var response = await admin.DeleteAsync(Url.Context(Address, ("shred", flag)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync(Url.Context(Address))).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ShreddingANodeNeverWrittenIsNotFound()
    {
        using var admin = factory.AdminClient();

        var response = await admin.DeleteAsync(Url.Context(Address, ("shred", "true")));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AfterAShredEveryVersionIsGoneAndNothingAtRestHoldsItsContent()
    {
        var writer = await WriteTwoVersionsAsync();
        var keptMarker = "kept-" + Guid.NewGuid().ToString("N");
        var kept = _project.Address("/src/kept.cs");
        Assert.Equal(HttpStatusCode.Created, (await writer.Client.PutJsonAsync(Url.Context(kept), ContextWrites.Body(keptMarker))).StatusCode);
        using var admin = factory.AdminClient();

        var shred = await (await admin.DeleteAsync(Url.Context(Address, ("shred", "true")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, shred["version"]!.GetValue<int>());
        foreach (var temporal in new[] { "*~1", "*~2", "*^", "~~1" })
        {
            await (await admin.GetAsync(Url.Context(_project.Address("/src/doomed.cs", temporal: temporal)))).ShouldBeProblemAsync(HttpStatusCode.Gone);
        }

        await (await admin.GetAsync(Url.Context(Address))).ShouldBeProblemAsync(HttpStatusCode.Gone);
        await (await writer.Client.GetAsync(Url.Context(Address))).ShouldBeProblemAsync(HttpStatusCode.Gone);
        var diff = await writer.Client.GetAsync(Url.Context(Address, "diff", ("from", "1"), ("to", "2")));
        Assert.DoesNotContain(_marker, await diff.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rollback = await writer.Client.PostJsonAsync(Url.Context(Address, "rollback"), new JsonObject { ["to_version"] = 1 });
        await rollback.ShouldBeProblemAsync(HttpStatusCode.Gone);
        Assert.Empty(await factory.FindPlaintextAsync([_marker, keptMarker]));
        Assert.NotEmpty(await factory.FindPlaintextAsync([_project.Name]));
        var keptView = await (await writer.Client.GetAsync(Url.Context(kept))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(keptMarker, keptView["context_data"]!["summary"]!.GetValue<string>());
        var entry = Assert.Single(await factory.AuditEntriesAsync(("address", _project.NodeAddress("/src/doomed.cs")), ("outcome", "allowed"), ("agent", "admin")))!;
        Assert.Equal("shred", entry.Text("action"));
    }

    /// <summary>The wrapped keys are gone from every file (embedded profile) or every row (Postgres profile).</summary>
    [Fact]
    public async Task AfterAShredTheDestroyedDataKeysSurviveNowhereAtRest()
    {
        await WriteTwoVersionsAsync();
        var wrapped = await factory.WrappedDataKeysAsync(_project, "/src/doomed.cs");
        Assert.NotEmpty(wrapped);
        Assert.Equal(wrapped.Count, await factory.CountPresentAsync(wrapped));
        using var admin = factory.AdminClient();

        await (await admin.DeleteAsync(Url.Context(Address, ("shred", "true")))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Empty(await factory.WrappedDataKeysAsync(_project, "/src/doomed.cs"));
        Assert.Equal(0, await factory.CountPresentAsync(wrapped));
    }

    [Fact]
    public async Task ANodeCanBeWrittenAgainAfterAShredAndOnlyTheNewVersionReads()
    {
        var writer = await WriteTwoVersionsAsync();
        using var admin = factory.AdminClient();
        await (await admin.DeleteAsync(Url.Context(Address, ("shred", "true")))).ReadJsonAsync(HttpStatusCode.OK);

        var rewritten = await writer.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("fresh start"));

        var view = await rewritten.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, view["temporal_metadata"]!["version"]!.GetValue<int>());
        var read = await (await writer.Client.GetAsync(Url.Context(Address))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("fresh start", read["context_data"]!["summary"]!.GetValue<string>());
        await (await writer.Client.GetAsync(Url.Context(_project.Address("/src/doomed.cs", temporal: "*~2")))).ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    private async Task<TestAgent> WriteTwoVersionsAsync()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var first = await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body(_marker + "-v1", data: new()
        {
            ["insights"] = Json.Array(_marker + "-insight"),
        }));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body(_marker + "-v2"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        return agent;
    }
}
