using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>
/// Percent-encoded bytes that are not UTF-8 are a 400 naming the parameter, never a node whose name holds U+FFFD in
/// their place; text sent as its UTF-8 bytes names the node it says.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueryEncodingTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    public static TheoryData<string, string> NotUtf8 => new()
    {
        { "a byte that never occurs in UTF-8", "%FF" },
        { "an encoded surrogate", "%ED%A0%80" },
        { "an overlong '/'", "%C0%AF" },
        { "a sequence cut short", "a%C3" },
        { "a continuation byte alone", "%80b" },
    };

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public async Task AWriteToAnAddressThatIsNotUtf8IsABadRequestAndStoresNothing(string why, string escapedSegment)
    {
        using var admin = factory.AdminClient();

        var response = await admin.PutAsync(EscapedAddressUrl("/v1/context", escapedSegment), Json.Content(ContextWrites.Body("x").ToJsonString()));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.EndsWith("invalid-query-encoding", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("'address'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var children = await (await admin.GetAsync(Url.Context(_project.Address("/"), "children"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(children["items"]!.AsArray().Count == 0, why);
    }

    [Fact]
    public async Task TwoDifferentInvalidAddressesDoNotMeetInOneNode()
    {
        using var admin = factory.AdminClient();
        await admin.PutAsync(EscapedAddressUrl("/v1/context", "%FF"), Json.Content(ContextWrites.Body("first").ToJsonString()));

        var read = await admin.GetAsync(EscapedAddressUrl("/v1/context", "%FE"));

        await read.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync(Url.Context(_project.Address("/src/\uFFFD")))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/v1/context")]
    [InlineData("/v1/context/history")]
    [InlineData("/v1/context/children")]
    [InlineData("/v1/context/branches")]
    public async Task EveryContextReadRefusesAnAddressThatIsNotUtf8(string route)
    {
        using var admin = factory.AdminClient();

        var response = await admin.GetAsync(EscapedAddressUrl(route, "%FF"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnotherParameterThatIsNotUtf8IsNamed()
    {
        using var admin = factory.AdminClient();
        await admin.PutJsonAsync(Url.Context(_project.Address("/src/a.cs")), ContextWrites.Body("x"));

        var history = await admin.GetAsync(Url.Context(_project.Address("/src/a.cs"), "history") + "&branch=ma%E9n");
        var audit = await admin.GetAsync("/v1/audit?agent=%FE");

        var problem = await history.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'branch'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        problem = await audit.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'agent'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextSentAsItsUtf8BytesNamesTheNodeItSays()
    {
        using var admin = factory.AdminClient();

        var written = await admin.PutAsync(EscapedAddressUrl("/v1/context", "caf%C3%A9-%F0%9F%98%80.md"), Json.Content(ContextWrites.Body("utf8").ToJsonString()));

        var view = await written.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(_project.Address("/src/caf\u00e9-\U0001F600.md"), view["ucxl_address"]!.GetValue<string>());
        var read = await (await admin.GetAsync(Url.Context(_project.Address("/src/caf\u00e9-\U0001F600.md")))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("utf8", read["context_data"]!["summary"]!.GetValue<string>());
    }

    // The address of /src/<segment> with the segment's escapes sent exactly as given.
    private string EscapedAddressUrl(string route, string escapedSegment) =>
        route + "?address=" + Uri.EscapeDataString(_project.Address("/src/")) + escapedSegment;
}
