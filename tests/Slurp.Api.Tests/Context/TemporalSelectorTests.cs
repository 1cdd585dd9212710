using System.Globalization;
using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>Reading past versions through the address's temporal selector.</summary>
[Collection(ApiCollection.Name)]
public sealed class TemporalSelectorTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Theory]
    [InlineData("*^", 3)]
    [InlineData("*~", 1)]
    [InlineData("*~2", 2)]
    [InlineData("~~0", 3)]
    [InlineData("~~1", 2)]
    [InlineData("~~2", 1)]
    [InlineData("^^0", 1)]
    [InlineData("^^1", 2)]
    [InlineData("^^2", 3)]
    public async Task ASelectorReadsTheVersionItPointsAt(string selector, int expectedVersion)
    {
        var agent = await WriteThreeVersionsAsync();

        var view = await ReadAsync(agent, selector, HttpStatusCode.OK);

        Assert.Equal(expectedVersion, view["temporal_metadata"]!["version"]!.GetValue<int>());
        Assert.Equal($"version {expectedVersion}", view["context_data"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInstantBetweenTwoWritesReadsTheVersionCurrentThen()
    {
        var agent = await WriteThreeVersionsAsync();
        var history = await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs"), "history"))).ReadJsonAsync(HttpStatusCode.OK);
        var first = history["items"]![2]!["created_at"]!.GetValue<DateTimeOffset>();
        var second = history["items"]![1]!["created_at"]!.GetValue<DateTimeOffset>();
        var between = first + ((second - first) / 2);

        var view = await ReadAsync(agent, Instant(between), HttpStatusCode.OK);

        Assert.Equal(1, view["temporal_metadata"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnInstantWithAnOffsetIsTheSameMomentInUtc()
    {
        var agent = await WriteThreeVersionsAsync();
        var history = await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs"), "history"))).ReadJsonAsync(HttpStatusCode.OK);
        var second = history["items"]![1]!["created_at"]!.GetValue<DateTimeOffset>();
        var inPlusTwo = second.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

        var view = await ReadAsync(agent, inPlusTwo, HttpStatusCode.OK);

        Assert.Equal(2, view["temporal_metadata"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnInstantAfterTheLastWriteReadsTheHead()
    {
        var agent = await WriteThreeVersionsAsync();

        var view = await ReadAsync(agent, "9999-12-31T00:00:00Z", HttpStatusCode.OK);

        Assert.Equal(3, view["temporal_metadata"]!["version"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("*~4")]
    [InlineData("~~3")]
    [InlineData("^^3")]
    [InlineData("2000-01-01T00:00:00Z")]
    public async Task ASelectorOutsideTheHistoryIsNotFoundWithADetail(string selector)
    {
        var agent = await WriteThreeVersionsAsync();

        var response = await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs", temporal: selector)));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("version", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*x")]
    [InlineData("~~")]
    [InlineData("^^-1")]
    [InlineData("*~01")]
    [InlineData("*~0")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00")]
    public async Task AnInvalidSelectorIsABadRequest(string selector)
    {
        var agent = await WriteThreeVersionsAsync();

        var response = await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs", temporal: selector)));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("temporal", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APastVersionIsResolvedAgainstItsAncestorsAsTheyWereThen()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src")), ContextWrites.Body("old folder"));
        await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body(data: new() { ["tags"] = Json.Array("a") }));
        await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src")), ContextWrites.Body("new folder"));

        var view = await ReadAsync(agent, "*~1", HttpStatusCode.OK);

        Assert.Equal("old folder", view["context_data"]!["summary"]!.GetValue<string>());
    }

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private async Task<System.Text.Json.Nodes.JsonNode> ReadAsync(TestAgent agent, string selector, HttpStatusCode expected) =>
        await (await agent.Client.GetAsync(Url.Context(_project.Address("/src/a.cs", temporal: selector)))).ReadJsonAsync(expected);

    private async Task<TestAgent> WriteThreeVersionsAsync()
    {
        var agent = await factory.CreateAgentAsync("backend_developer");
        for (var version = 1; version <= 3; version++)
        {
            var response = await agent.Client.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body($"version {version}"));
            Assert.True(response.IsSuccessStatusCode);
        }

        return agent;
    }
}
