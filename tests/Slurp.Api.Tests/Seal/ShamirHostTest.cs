using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Seal;

/// <summary>
/// A fresh shamir-mode host for each test: init, unseal and seal change the state of the whole silo, so
/// no two tests may share one.
/// </summary>
public abstract class ShamirHostTest : IAsyncLifetime
{
    protected ShamirSealFactory Factory { get; } = new();

    protected TestProject Project { get; } = TestProject.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>An anonymous client (the seal endpoints need no token, as in Vault).</summary>
    protected HttpClient Anonymous() => Factory.CreateClient();

    /// <summary>Submits shares until the silo reports itself unsealed.</summary>
    protected async Task UnsealAsync(params string[] keys)
    {
        using var client = Anonymous();
        JsonNode? status = null;
        foreach (var key in keys)
        {
            status = await client.UnsealOkAsync(key);
        }

        Assert.False(status!["sealed"]!.GetValue<bool>());
    }

    /// <summary>Registers an agent with the root token from init.</summary>
    protected async Task<TestAgent> CreateAgentWithRootTokenAsync(string rootToken, params string[] roles)
    {
        var id = "agent-" + Guid.NewGuid().ToString("N");
        using var root = Factory.ClientWithToken(rootToken);
        var created = await (await root.PostJsonAsync("/v1/agents", new JsonObject
        {
            ["agent_id"] = id,
            ["roles"] = Json.Array(roles),
        })).ReadJsonAsync(HttpStatusCode.Created);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created["token"]!.GetValue<string>());
        return new TestAgent(id, created["token"]!.GetValue<string>(), client);
    }
}
