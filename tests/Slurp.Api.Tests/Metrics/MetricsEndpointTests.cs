using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Context;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Metrics;

/// <summary>
/// <c>GET /metrics</c> (API.md): the silo's OpenTelemetry metrics in Prometheus text, without a token, among them the
/// ancestor cache's hits and misses (DESIGN.md: "the hit rate is a metric"), the store's commits, Orleans' and the HTTP server's.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsEndpointTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task TheEndpointAnswersPrometheusTextWithoutAToken()
    {
        using var anonymous = factory.CreateClient();
        // A request that has ended, so the HTTP server's duration histogram has a sample.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
        Assert.Contains("\nhttp_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("\norleans_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAncestorCachesHitsAndMissesAreCounters()
    {
        var writer = await factory.CreateAgentAsync("senior_architect");
        await AncestorCacheTests.Put(writer, "/src", new JsonObject { ["summary"] = "folder" }, _project);
        await AncestorCacheTests.Put(writer, "/src/a.cs", new JsonObject { ["tags"] = Json.Array("own") }, _project);
        await AncestorCacheTests.Read(writer, "/src/a.cs", _project);
        await AncestorCacheTests.Read(writer, "/src/a.cs", _project);

        using var anonymous = factory.CreateClient();
        var text = await anonymous.GetStringAsync("/metrics");

        foreach (var name in (string[])["slurp_cascade_ancestor_cache_hits_total", "slurp_cascade_ancestor_cache_misses_total"])
        {
            Assert.Contains($"# TYPE {name} counter\n", text, StringComparison.Ordinal);
            Assert.True(SampleOf(text, name) >= 1, $"{name} has no count:\n{text}");
        }
    }

    [Fact]
    public async Task EveryCommitOfTheStoreIsCountedWithTheChangesItCarriedAndItsTime()
    {
        var writer = await factory.CreateAgentAsync("senior_architect");
        await AncestorCacheTests.Put(writer, "/src/committed.cs", new JsonObject { ["summary"] = "stored" }, _project);

        using var anonymous = factory.CreateClient();
        var text = await anonymous.GetStringAsync("/metrics");

        var provider = ApiProfile.IsPostgres ? "postgres" : "sqlite";
        Assert.Contains("# TYPE slurp_storage_commit_changes histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE slurp_storage_commit_duration_seconds histogram\n", text, StringComparison.Ordinal);
        var label = $"slurp_storage_provider=\"{provider}\"";
        var commits = SampleOf(text, "slurp_storage_commit_changes_count", label, "outcome=\"committed\"");
        var changes = SampleOf(text, "slurp_storage_commit_changes_sum", label, "outcome=\"committed\"");
        Assert.True(commits >= 1, $"no commit counted:\n{text}");
        // The PUT's node and its folders were written: at least as many changes as commits.
        Assert.True(changes >= commits, $"{changes} changes in {commits} commits");
        Assert.True(SampleOf(text, "slurp_storage_commit_duration_seconds_sum", label, "outcome=\"committed\"") > 0);
    }

    // The value of the first sample of a metric ("name{labels} value") whose labels include all of the given ones.
    private static double SampleOf(string text, string name, params string[] labels)
    {
        var line = text.Split('\n').First(l =>
            (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            && labels.All(x => l.Contains(x, StringComparison.Ordinal)));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}

/// <summary>With <c>Slurp:Metrics:Enabled=false</c> there is no <c>/metrics</c>.</summary>
[Collection(NoMetricsCollection.Name)]
public sealed class MetricsDisabledTests(NoMetricsFactory factory)
{
    [Fact]
    public async Task TheEndpointIsNotThere()
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
