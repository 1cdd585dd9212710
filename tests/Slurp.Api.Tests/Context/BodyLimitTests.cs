using System.Net;
using System.Text;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>Bodies over <c>Slurp:Api:MaxBodyBytes</c> are refused whole, whether or not their length is announced.</summary>
[Collection(SmallBodyLimitCollection.Name)]
public sealed class BodyLimitTests(SmallBodyLimitFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    private string Address => _project.Address("/src/a.cs");

    [Fact]
    public async Task ABodyOverTheConfiguredLimitIsTooLargeAndStoresNothing()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body(new string('x', SmallBodyLimitFactory.MaxBodyBytes)));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task AChunkedBodyOverTheConfiguredLimitIsTooLargeAndStoresNothing()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var json = ContextWrites.Body(new string('x', SmallBodyLimitFactory.MaxBodyBytes)).ToJsonString();
        var content = new StreamContent(new UnannouncedLengthStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");

        var response = await agent.Client.PutAsync(Url.Context(Address), content);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task ABodyWithinTheConfiguredLimitIsAccepted()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body(new string('x', SmallBodyLimitFactory.MaxBodyBytes / 2)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AnAgentRegistrationOverTheLimitIsTooLarge()
    {
        using var admin = factory.AdminClient();
        var body = $$"""{ "agent_id": "{{new string('a', SmallBodyLimitFactory.MaxBodyBytes)}}", "roles": ["backend_developer"] }""";

        var response = await admin.PostAsync("/v1/agents", Json.Content(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    private async Task AssertNotStoredAsync()
    {
        using var admin = factory.AdminClient();
        await (await admin.GetAsync(Url.Context(Address))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>A readable stream that cannot tell its length, so the client sends the body chunked.</summary>
    private sealed class UnannouncedLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
