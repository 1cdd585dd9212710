using System.Globalization;
using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Security;

/// <summary><c>GET /v1/audit</c> and <c>GET /v1/audit/verify</c> (auditor, admin).</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditApiTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Theory]
    [InlineData("auditor")]
    [InlineData("admin")]
    public async Task AuditorAndAdminMayReadTheAuditLog(string role)
    {
        var agent = await factory.CreateAgentAsync(role);

        var page = await (await agent.Client.GetAsync("/v1/audit?limit=5")).ReadJsonAsync(HttpStatusCode.OK);

        var items = page["items"]!.AsArray();
        Assert.InRange(items.Count, 1, 5);
        var entry = items[0]!;
        foreach (var field in new[] { "sequence", "time", "agent", "role", "action", "outcome", "previous_hash", "hash" })
        {
            Assert.NotNull(entry[field]);
        }
    }

    [Theory]
    [InlineData("backend_developer")]
    [InlineData("senior_architect")]
    [InlineData("project_manager")]
    public async Task OtherRolesMayNotReadTheAuditLog(string role)
    {
        var agent = await factory.CreateAgentAsync(role);

        var list = await agent.Client.GetAsync("/v1/audit");
        var verify = await agent.Client.GetAsync("/v1/audit/verify");

        await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await verify.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var denied = await factory.AuditEntriesAsync(("agent", agent.Id), ("outcome", "denied"));
        Assert.Equal(2, denied.Count);
    }

    [Fact]
    public async Task FilteringByAgentReturnsOnlyThatAgentsEntries()
    {
        var (first, second) = (await factory.CreateAgentAsync("backend_developer"), await factory.CreateAgentAsync("backend_developer"));
        await (await first.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("a"))).ReadJsonAsync(HttpStatusCode.Created);
        await (await first.Client.GetAsync(Url.Context(_project.Address("/src/a.cs")))).ReadJsonAsync(HttpStatusCode.OK);
        await (await second.Client.GetAsync(Url.Context(_project.Address("/src/a.cs")))).ReadJsonAsync(HttpStatusCode.OK);

        var entries = await factory.AuditEntriesAsync(("agent", first.Id));

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(first.Id, e!.Text("agent")));
        Assert.Equal(["read", "write"], entries.Select(e => e!.Text("action")));
    }

    [Fact]
    public async Task FilteringByRoleAndAddressNarrowsToThoseEntries()
    {
        var agent = await factory.CreateAgentAsync("backend_developer", "senior_architect");
        await (await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs", role: "senior_architect")), ContextWrites.Body("a"))).ReadJsonAsync(HttpStatusCode.Created);
        await (await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/b.cs", role: "backend_developer")), ContextWrites.Body("b"))).ReadJsonAsync(HttpStatusCode.Created);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/b.cs", role: "senior_architect")))).ReadJsonAsync(HttpStatusCode.OK);

        var asArchitect = await factory.AuditEntriesAsync(("agent", agent.Id), ("role", "senior_architect"));
        var onB = await factory.AuditEntriesAsync(("address", _project.NodeAddress("/src/b.cs")));
        var both = await factory.AuditEntriesAsync(("role", "senior_architect"), ("address", _project.NodeAddress("/src/b.cs")));

        Assert.Equal(2, asArchitect.Count);
        Assert.All(asArchitect, e => Assert.Equal("senior_architect", e!.Text("role")));
        Assert.Equal(2, onB.Count);
        Assert.All(onB, e => Assert.Equal(_project.NodeAddress("/src/b.cs"), e!.Text("address")));
        var read = Assert.Single(both)!;
        Assert.Equal("read", read.Text("action"));
    }

    [Fact]
    public async Task FilteringByOutcomeSeparatesAllowedDeniedAndFailed()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await (await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("a"))).ReadJsonAsync(HttpStatusCode.Created);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/missing.cs")))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs", role: "admin")))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var allowed = await factory.AuditEntriesAsync(("agent", agent.Id), ("outcome", "allowed"));
        var denied = await factory.AuditEntriesAsync(("agent", agent.Id), ("outcome", "denied"));
        var failed = await factory.AuditEntriesAsync(("agent", agent.Id), ("outcome", "failed"));

        Assert.Equal("write", Assert.Single(allowed)!.Text("action"));
        Assert.Equal(_project.NodeAddress("/src/a.cs"), Assert.Single(denied)!.Text("address"));
        Assert.Equal(_project.NodeAddress("/src/missing.cs"), Assert.Single(failed)!.Text("address"));
    }

    [Fact]
    public async Task FilteringByTimeKeepsEntriesInsideTheRange()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await (await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("a"))).ReadJsonAsync(HttpStatusCode.Created);
        var entry = Assert.Single(await factory.AuditEntriesAsync(("agent", agent.Id)))!;
        var time = entry["time"]!.GetValue<DateTimeOffset>();

        var from = await factory.AuditEntriesAsync(("agent", agent.Id), ("from", Iso(time)));
        var to = await factory.AuditEntriesAsync(("agent", agent.Id), ("to", Iso(time)));
        var window = await factory.AuditEntriesAsync(("agent", agent.Id), ("from", Iso(time.AddMinutes(-1))), ("to", Iso(time.AddMinutes(1))));
        var later = await factory.AuditEntriesAsync(("agent", agent.Id), ("from", Iso(time.AddSeconds(1))));
        var earlier = await factory.AuditEntriesAsync(("agent", agent.Id), ("to", Iso(time.AddSeconds(-1))));

        Assert.Single(from);
        Assert.Single(to);
        Assert.Single(window);
        Assert.Empty(later);
        Assert.Empty(earlier);
    }

    [Theory]
    [InlineData("outcome", "maybe")]
    [InlineData("from", "notadate")]
    [InlineData("to", "notadate")]
    [InlineData("limit", "0")]
    [InlineData("limit", "1001")]
    [InlineData("limit", "many")]
    [InlineData("cursor", "abc")]
    public async Task AnInvalidFilterIsABadRequest(string name, string value)
    {
        using var admin = factory.AdminClient();

        var response = await admin.GetAsync(AuditQueries.Url((name, value)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ATimeRangeThatEndsBeforeItStartsIsABadRequest()
    {
        using var admin = factory.AdminClient();

        var reversed = await admin.GetAsync(AuditQueries.Url(("from", "2026-12-01T00:00:00Z"), ("to", "2026-01-01T00:00:00Z")));
        var instant = await admin.GetAsync(AuditQueries.Url(("from", "2026-01-01T00:00:00Z"), ("to", "2026-01-01T00:00:00Z")));

        var problem = await reversed.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _), problem.ToString());
        await instant.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PagingWithLimitAndCursorVisitsEveryEntryOnceNewestFirst()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        for (var i = 0; i < 5; i++)
        {
            await (await agent.Client.GetAsync(Url.Context(_project.Address($"/src/{i}.cs")))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        using var admin = factory.AdminClient();
        var sequences = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            (string, string)[] query = cursor is null ? [("agent", agent.Id), ("limit", "2")] : [("agent", agent.Id), ("limit", "2"), ("cursor", cursor)];
            var page = await (await admin.GetAsync(AuditQueries.Url(query))).ReadJsonAsync(HttpStatusCode.OK);
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 2);
            sequences.AddRange(items.Select(e => e!["sequence"]!.GetValue<long>()));
            cursor = page["next_cursor"]?.GetValue<string>();
            pages++;
            Assert.True(pages <= 10, "paging does not end");
        }
        while (cursor is not null);

        var all = (await factory.AuditEntriesAsync(("agent", agent.Id))).Select(e => e!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(5, all.Count);
        Assert.Equal(all, sequences);
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task TheChainVerifiesIntactAfterAMixOfRequests()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await (await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("a"))).ReadJsonAsync(HttpStatusCode.Created);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs")))).ReadJsonAsync(HttpStatusCode.OK);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/nothing.cs")))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs", role: "senior_architect")))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.Client.GetAsync("/v1/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync("/v1/roles")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var auditor = await factory.CreateAgentAsync("auditor");

        var verification = await (await auditor.Client.GetAsync("/v1/audit/verify")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.True(verification["is_intact"]!.GetValue<bool>(), verification.ToJsonString());
        Assert.Null(verification["first_broken_sequence"]?.GetValue<long>());
        Assert.True(verification["checked"]!.GetValue<long>() >= 7);
    }

    [Fact]
    public async Task EveryPutIsAuditedExactlyOnceWhetherItStoresAVersionOrNot()
    {
        // A new node in a new project (the entry rides on the first registration up the tree), a new version (on
        // the node's own write), and PUTs that store nothing: unchanged, a conflict, an idempotent replay (the
        // front door records those itself). Each must leave exactly one "write" entry, and the chain intact.
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/once.cs");
        await (await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("v1"))).ReadJsonAsync(HttpStatusCode.Created);
        await (await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("v2"))).ReadJsonAsync(HttpStatusCode.OK);
        await (await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("v2"))).ReadJsonAsync(HttpStatusCode.OK);
        var stale = ContextWrites.Body("v3", more: new() { ["expected_version"] = 1 });
        await (await agent.Client.PutJsonAsync(Url.Context(address), stale)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, Url.Context(address)) { Content = Json.Content(ContextWrites.Body("v4").ToJsonString()) };
            request.Headers.Add("Idempotency-Key", "once-" + _project.Name);
            await (await agent.Client.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK);
        }

        var writes = await factory.AuditEntriesAsync(("agent", agent.Id), ("outcome", "allowed"));

        Assert.Equal(6, writes.Count);
        Assert.All(writes, e => Assert.Equal("write", e!.Text("action")));
        Assert.All(writes, e => Assert.Equal(_project.NodeAddress("/src/once.cs"), e!.Text("address")));
        var auditor = await factory.CreateAgentAsync("auditor");
        var verification = await (await auditor.Client.GetAsync("/v1/audit/verify")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(verification["is_intact"]!.GetValue<bool>(), verification.ToJsonString());
    }

    private static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
