using System.Net;
using System.Text.Json.Nodes;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Seal;

/// <summary>A shamir-mode silo before <c>POST /v1/sys/init</c>: sealed, and nothing here initializes it.</summary>
[Collection(UninitializedShamirCollection.Name)]
public sealed class ShamirUninitializedTests(ShamirSealFactory factory)
{
    private readonly TestProject _project = TestProject.Create();

    [Fact]
    public async Task TheSealStatusBeforeInitIsUninitializedAndSealed()
    {
        using var client = factory.CreateClient();

        var status = await client.SealStatusAsync();

        Assert.False(status["initialized"]!.GetValue<bool>());
        Assert.True(status["sealed"]!.GetValue<bool>());
        Assert.Equal(0, status["progress"]!.GetValue<int>());
        Assert.Equal("shamir", status["mode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("DELETE", "")]
    [InlineData("GET", "history")]
    [InlineData("GET", "children")]
    [InlineData("GET", "branches")]
    [InlineData("GET", "diff")]
    [InlineData("POST", "rollback")]
    public async Task EveryContextEndpointAnswers503WhileSealed(string method, string route)
    {
        using var admin = factory.AdminClient();
        var url = Url.Context(_project.Address("/src/a.cs"), route.Length == 0 ? null : route);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "PUT" or "POST")
        {
            request.Content = Json.Content(ContextWrites.Body("sealed away"));
        }

        var response = await admin.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("urn:slurp:problem:sealed", problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/keys")]
    [InlineData("POST", "/v1/keys/backend_developer/rotate")]
    public async Task TheKeyEndpointsAnswer503WhileSealed(string method, string url)
    {
        using var admin = factory.AdminClient();

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task SecurityMetricsStillAnswerWhileSealedAndSaySo()
    {
        using var admin = factory.AdminClient();

        var metrics = await (await admin.GetAsync("/v1/security/metrics")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.True(metrics["sealed"]!.GetValue<bool>());
        Assert.Equal("shamir", metrics["seal_mode"]!.GetValue<string>());
        Assert.DoesNotContain(metrics["score_deductions"]!.AsArray(), d => d!.GetValue<string>().Contains("dev mode", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(3, 4)]
    [InlineData(256, 3)]
    [InlineData(0, 0)]
    public async Task InitWithInvalidSharesOrThresholdIsABadRequestAndInitializesNothing(int shares, int threshold)
    {
        using var client = factory.CreateClient();

        var response = await client.InitAsync(shares, threshold);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _));
        Assert.False((await client.SealStatusAsync())["initialized"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnUnsealShareBeforeInitIsAConflict()
    {
        using var client = factory.CreateClient();
        var share = Convert.ToBase64String([1, .. new byte[32]]);

        var response = await client.UnsealAsync(share);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, (await client.SealStatusAsync())["progress"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    [InlineData("AA==")]
    public async Task AGarbageUnsealKeyIsABadRequest(string key)
    {
        using var client = factory.CreateClient();

        var response = await client.UnsealAsync(key);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnsealBodyWithoutAKeyIsABadRequest()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/v1/sys/unseal", new JsonObject());

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
