using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Security;

/// <summary>
/// Content is encrypted at rest: nothing the host stores holds the plaintext of any field — no byte of the data folder on
/// the embedded profile, no value of any row of its database (nor any file of its data folder) on the Postgres profile.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EncryptionAtRestTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();
    private readonly string _id = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task NothingAtRestHoldsAnyWrittenFieldInClear()
    {
        var markers = new Dictionary<string, string>
        {
            ["summary"] = "summary-" + _id,
            ["purpose"] = "purpose-" + _id,
            ["tag"] = "tag-" + _id,
            ["technology"] = "tech-" + _id,
            ["insight"] = "insight-" + _id,
            ["overlay"] = "overlay-" + _id,
            ["folder"] = "folder-" + _id,
            ["v2"] = "second-version-" + _id,
            ["branch"] = "branch-" + _id,
        };
        var architect = await factory.CreateAgentAsync("senior_architect", "backend_developer");
        await PutAsync(architect, "/src", new JsonObject { ["summary"] = markers["folder"], ["technologies"] = Json.Array("csharp") });
        await PutAsync(architect, "/src/api.cs", new JsonObject
        {
            ["summary"] = markers["summary"],
            ["purpose"] = markers["purpose"],
            ["tags"] = Json.Array(markers["tag"]),
            ["technologies"] = Json.Array(markers["technology"]),
            ["insights"] = Json.Array(markers["insight"]),
        }, new JsonObject
        {
            ["role_overlays"] = new JsonObject { ["senior_architect"] = new JsonObject { ["insights"] = Json.Array(markers["overlay"]) } },
        });
        await PutAsync(architect, "/docs/readme.md", new JsonObject { ["summary"] = "first" });
        await PutAsync(architect, "/docs/readme.md", new JsonObject { ["summary"] = markers["v2"] });
        var branched = await architect.Client.PostJsonAsync(Url.Context(_project.Address("/docs/readme.md"), "branches"), new JsonObject { ["name"] = "exp", ["from_version"] = 1 });
        Assert.Equal(HttpStatusCode.Created, branched.StatusCode);
        await PutAsync(architect, "/docs/readme.md", new JsonObject { ["summary"] = markers["branch"] }, new JsonObject { ["branch"] = "exp" });

        var found = await factory.FindPlaintextAsync(markers.Values);

        Assert.Empty(found);
        // The scan does see what is stored in clear: the project name is part of every node's grain key.
        Assert.NotEmpty(await factory.FindPlaintextAsync([_project.Name]));
        var api = await (await architect.Client.GetAsync(Url.Context(_project.Address("/src/api.cs", role: "senior_architect")))).ReadJsonAsync(HttpStatusCode.OK);
        var text = api.ToJsonString();
        foreach (var field in new[] { "summary", "purpose", "tag", "technology", "insight", "overlay" })
        {
            Assert.Contains(markers[field], text, StringComparison.Ordinal);
        }

        var readme = await (await architect.Client.GetAsync(Url.Context(_project.Address("/docs/readme.md")))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(markers["v2"], readme["context_data"]!["summary"]!.GetValue<string>());
        var onBranch = await (await architect.Client.GetAsync(Url.Context(_project.Address("/docs/readme.md"), ("branch", "exp")))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(markers["branch"], onBranch["context_data"]!["summary"]!.GetValue<string>());
    }

    /// <summary>
    /// An Idempotency-Key makes the node remember a fingerprint of the request for 24 h. A plain SHA-256 of the
    /// body would let anyone holding the files (or rows) confirm a guess of the content, exactly what the keyed
    /// content hash avoids; so the fingerprint at rest must not be the unkeyed digest the API computes of the request.
    /// </summary>
    [Fact]
    public async Task AnIdempotentWriteLeavesNoUnkeyedDigestOfItsBodyAtRest()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        var address = _project.Address("/src/keyed.cs");
        var body = ContextWrites.Body("guessable").ToJsonString();
        var node = _project.NodeAddress("/src/keyed.cs");
        var unkeyed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("PUT\n" + node + "#main\n" + body)));

        var first = await SendIdempotentAsync(agent, address, body);
        var retry = await SendIdempotentAsync(agent, address, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var remembered = Assert.Single((await factory.StoredStateAsync(_project, "/src/keyed.cs")).Idempotency);
        Assert.NotEqual(unkeyed, remembered.Fingerprint);
        Assert.Empty(await factory.FindPlaintextAsync([unkeyed]));
        var history = await (await agent.Client.GetAsync(Url.Context(address, "history"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Single(history["items"]!.AsArray());
    }

    private static async Task<HttpResponseMessage> SendIdempotentAsync(TestAgent agent, string address, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Url.Context(address)) { Content = Json.Content(body) };
        request.Headers.Add("Idempotency-Key", "key-1");
        return await agent.Client.SendAsync(request);
    }

    private async Task PutAsync(TestAgent agent, string path, JsonObject data, JsonObject? more = null)
    {
        var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address(path)), ContextWrites.Body(data: data, more: more));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
