using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>A retried write with the same <c>Idempotency-Key</c> gets the first answer and writes nothing new.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    private string Address => _project.Address("/src/a.cs");

    [Fact]
    public async Task ARetryWithTheSameKeyAndBodyGetsTheFirstAnswer()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var key = Guid.NewGuid().ToString();
        var first = await PutAsync(agent, key, ContextWrites.Body("once"));
        var firstView = await first.ReadJsonAsync(HttpStatusCode.Created);

        var retry = await PutAsync(agent, key, ContextWrites.Body("once"));

        var retryView = await retry.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(firstView["temporal_metadata"]!["version"]!.GetValue<int>(), retryView["temporal_metadata"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task ARetryWithTheSameKeyAndBodyWritesNothingNew()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("before"));
        var key = Guid.NewGuid().ToString();
        await PutAsync(agent, key, ContextWrites.Body("keyed"));
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("between"));

        var retry = await PutAsync(agent, key, ContextWrites.Body("keyed"));

        var retryView = await retry.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, retryView["temporal_metadata"]!["version"]!.GetValue<int>());
        var history = await (await agent.Client.GetAsync(Url.Context(Address, "history"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([3, 2, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsUnprocessable()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var key = Guid.NewGuid().ToString();
        await PutAsync(agent, key, ContextWrites.Body("first body"));

        var response = await PutAsync(agent, key, ContextWrites.Body("second body"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var head = await (await agent.Client.GetAsync(Url.Context(Address))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("first body", head["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARetriedDeletionGetsTheFirstAnswer()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await agent.Client.PutJsonAsync(Url.Context(Address), ContextWrites.Body("doomed"));
        var key = Guid.NewGuid().ToString();
        await SendAsync(agent, HttpMethod.Delete, key, null);

        var retry = await SendAsync(agent, HttpMethod.Delete, key, null);

        var tombstone = await retry.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, tombstone["version"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    public async Task AMalformedKeyIsABadRequestAndStoresNothing(string key)
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await PutAsync(agent, key, ContextWrites.Body("x"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var admin = factory.AdminClient();
        await (await admin.GetAsync(Url.Context(Address))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AKeyLongerThan255CharactersIsABadRequest()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");

        var response = await PutAsync(agent, new string('k', 256), ContextWrites.Body("x"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> PutAsync(TestAgent agent, string key, JsonNode body) =>
        SendAsync(agent, HttpMethod.Put, key, body);

    private async Task<HttpResponseMessage> SendAsync(TestAgent agent, HttpMethod method, string key, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, Url.Context(Address));
        if (body is not null)
        {
            request.Content = Json.Content(body);
        }

        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await agent.Client.SendAsync(request);
    }
}
