using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Context;

/// <summary>
/// Every list of API.md takes <c>limit</c> (1–1000) and <c>cursor</c>: paging through it a few items at a time gives
/// the whole list once, in order; a bad limit or cursor is a 400. Roles, keys and branches were answered whole, with
/// both ignored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ListPagingTests(SlurpApiFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    public static TheoryData<string> Lists => new() { "roles", "keys", "branches" };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task PagingThroughAListGivesEveryItemOnceInOrder(string list)
    {
        using var admin = factory.AdminClient();
        var url = await PrepareAsync(admin, list);

        var whole = Names(list, await (await admin.GetAsync(url + "limit=1000")).ReadJsonAsync(HttpStatusCode.OK));
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync(url + "limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)))).ReadJsonAsync(HttpStatusCode.OK);
            var names = Names(list, page);
            Assert.InRange(names.Count, 1, 2);
            paged.AddRange(names);
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.True(whole.Count > 2, $"{list}: too few items to page ({whole.Count})");
        Assert.Equal(whole, paged);
        Assert.Equal(whole.Order(StringComparer.Ordinal), whole);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task ABadLimitOrCursorIsABadRequest(string list)
    {
        using var admin = factory.AdminClient();
        var url = await PrepareAsync(admin, list);

        foreach (var query in new[] { "limit=0", "limit=1001", "limit=-1", "limit=two", "cursor=not-a-cursor!" })
        {
            var response = await admin.GetAsync(url + query);

            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    // The list's URL ending in '?' or '&', with at least three items in it.
    private async Task<string> PrepareAsync(HttpClient admin, string list)
    {
        if (list != "branches")
        {
            return $"/v1/{list}?";
        }

        var address = _project.Address("/src/paged.cs");
        await admin.PutJsonAsync(Url.Context(address), ContextWrites.Body("v1"));
        foreach (var name in new[] { "b-three", "a-one", "c-two" })
        {
            var created = await admin.PostJsonAsync(Url.Context(address, "branches"), new JsonObject { ["name"] = name, ["from_version"] = 1 });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        return Url.Context(address, "branches") + "&";
    }

    private static List<string> Names(string list, JsonNode page) =>
        [.. page["items"]!.AsArray().Select(i => i![list == "keys" ? "role" : "name"]!.GetValue<string>())];
}
