using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Slurp.Api.Tests.Infrastructure;
using Slurp.Grains.Context;

namespace Slurp.Api.Tests.Context;

/// <summary>
/// The silo's ancestor cache (docs/storage.md "The ancestor cache") as agents see it: a change to a folder that was
/// acknowledged is what the next read resolves through and what the next write below it is stored against, although
/// the folder's version was cached a moment before.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AncestorCacheTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task AReadRightAfterAFolderChangedResolvesThroughTheNewFolder()
    {
        var writer = await factory.CreateAgentAsync("senior_architect");
        await Put(writer, "/src", new JsonObject { ["summary"] = "folder, first" });
        await Put(writer, "/src/a.cs", new JsonObject { ["tags"] = Json.Array("own") });
        Assert.Equal("folder, first", (await Read(writer, "/src/a.cs"))["context_data"]!["summary"]!.GetValue<string>());

        await Put(writer, "/src", new JsonObject { ["summary"] = "folder, second" });

        Assert.Equal("folder, second", (await Read(writer, "/src/a.cs"))["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWriteRightAfterAFolderChangedIsStoredAgainstTheNewFolder()
    {
        var writer = await factory.CreateAgentAsync("senior_architect");
        await Put(writer, "/src", new JsonObject { ["tags"] = Json.Array("shared") });
        await Put(writer, "/src/a.cs", new JsonObject { ["tags"] = Json.Array("shared", "own") });
        await Read(writer, "/src/a.cs");

        // The folder drops the tag; the file still states it, so the file must now store it itself.
        await Put(writer, "/src", new JsonObject { ["tags"] = Json.Array("other") });
        await Put(writer, "/src/a.cs", new JsonObject { ["tags"] = Json.Array("shared", "own", "new") });

        var own = await Read(writer, "/src/a.cs", ("resolve", "false"));
        Assert.Equal(["new", "own", "shared"], Json.Strings(own["context_data"]!["tags"]).Order(StringComparer.Ordinal));
        // And the tag still resolves once any cached folder version has certainly lapsed.
        await Task.Delay(CascadeCache.Lease + TimeSpan.FromMilliseconds(200));
        Assert.Contains("shared", Json.Strings((await Read(writer, "/src/a.cs"))["context_data"]!["tags"]));
    }

    [Fact]
    public async Task ASecondReadTakesTheAncestorsFromTheCache()
    {
        var writer = await factory.CreateAgentAsync("senior_architect");
        await Put(writer, "/src", new JsonObject { ["summary"] = "folder" });
        await Put(writer, "/src/a.cs", new JsonObject { ["tags"] = Json.Array("own") });
        await Read(writer, "/src/a.cs");
        var cache = factory.Services.GetRequiredService<CascadeCache>();
        var hits = cache.Hits;

        await Read(writer, "/src/a.cs");

        // The root and /src, unless a lease ran out between the two reads (then fewer).
        Assert.InRange(cache.Hits - hits, 1, 2);
    }

    internal static async Task Put(TestAgent writer, string path, JsonObject data, TestProject project)
    {
        var response = await writer.Client.PutJsonAsync(Url.Context(project.Address(path)), ContextWrites.Body(data: data));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"PUT {path} answered {(int)response.StatusCode}");
    }

    internal static async Task<JsonNode> Read(TestAgent reader, string path, TestProject project, params (string, string)[] query) =>
        await (await reader.Client.GetAsync(Url.Context(project.Address(path), query))).ReadJsonAsync(HttpStatusCode.OK);

    private Task Put(TestAgent writer, string path, JsonObject data) => Put(writer, path, data, _project);

    private Task<JsonNode> Read(TestAgent reader, string path, params (string, string)[] query) => Read(reader, path, _project, query);
}

/// <summary>With <c>Slurp:Cascade:AncestorCache=false</c> nothing is cached and resolution is the same.</summary>
[Collection(NoAncestorCacheCollection.Name)]
public sealed class AncestorCacheOffTests(NoAncestorCacheFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task ReadsAndWritesResolveWithoutTheCache()
    {
        var writer = await factory.CreateAgentAsync("senior_architect");
        var cache = factory.Services.GetRequiredService<CascadeCache>();
        var (hits, misses) = (cache.Hits, cache.Misses);

        await AncestorCacheTests.Put(writer, "/src", new JsonObject { ["summary"] = "folder" }, _project);
        await AncestorCacheTests.Put(writer, "/src/a.cs", new JsonObject { ["tags"] = Json.Array("own") }, _project);
        var view = await AncestorCacheTests.Read(writer, "/src/a.cs", _project);

        Assert.Equal("folder", view["context_data"]!["summary"]!.GetValue<string>());
        Assert.Equal((hits, misses), (cache.Hits, cache.Misses));
    }
}
