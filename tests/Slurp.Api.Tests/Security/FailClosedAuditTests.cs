using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Security;

/// <summary>When the audit log cannot be written, requests fail with 503 and change or reveal nothing.</summary>
[Collection(FailingAuditCollection.Name)]
public sealed class FailClosedAuditTests(SwitchableAuditFactory factory)
{
    private readonly TestProject _project = TestProject.Create();
    private readonly string _marker = "failclosed-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task AWriteIsRefusedWith503AndNothingIsWritten()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/never.cs");

        HttpResponseMessage response;
        using (factory.Audit.FailWhileInScope())
        {
            response = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body(_marker));
        }

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("audit", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await (await agent.Client.GetAsync(Url.Context(address))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await agent.Client.GetAsync(Url.Context(address, "history"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var children = await (await agent.Client.GetAsync(Url.Context(_project.Address("/src"), "children"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(children["items"]!.AsArray());
    }

    [Fact]
    public async Task ANewVersionIsRefusedWith503AndTheHeadStaysAsItWas()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/kept.cs");
        Assert.Equal(HttpStatusCode.Created, (await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body("v1"))).StatusCode);

        HttpResponseMessage put;
        HttpResponseMessage delete;
        using (factory.Audit.FailWhileInScope())
        {
            put = await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body(_marker));
            delete = await agent.Client.DeleteAsync(Url.Context(address));
        }

        await put.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        await delete.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        var view = await (await agent.Client.GetAsync(Url.Context(address))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("v1", view["context_data"]!["summary"]!.GetValue<string>());
        Assert.Equal(1, view["temporal_metadata"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AReadIsRefusedWith503AndReturnsNoContent()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/secret.cs");
        Assert.Equal(HttpStatusCode.Created, (await agent.Client.PutJsonAsync(Url.Context(address), ContextWrites.Body(_marker))).StatusCode);

        HttpResponseMessage read;
        HttpResponseMessage history;
        using (factory.Audit.FailWhileInScope())
        {
            read = await agent.Client.GetAsync(Url.Context(address));
            history = await agent.Client.GetAsync(Url.Context(address, "history"));
        }

        var problem = await read.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain(_marker, problem.GetRawText(), StringComparison.Ordinal);
        await history.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        var view = await (await agent.Client.GetAsync(Url.Context(address))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(_marker, view["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADenialIsRefusedWith503WhenItCannotBeAudited()
    {
        var backend = await factory.CreateAgentAsync("backend_developer");

        HttpResponseMessage response;
        using (factory.Audit.FailWhileInScope())
        {
            response = await backend.Client.GetAsync("/v1/keys");
        }

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
    }
}
