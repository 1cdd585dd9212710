using System.Net;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Hosting;

/// <summary>The unauthenticated surface around the API: health, the OpenAPI document and its reference page.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostSurfaceTests(SlurpApiFactory factory)
{
    [Fact]
    public async Task TheLivenessProbeAnswers200()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheReadinessProbeReportsStorageOk()
    {
        using var client = factory.CreateClient();

        var ready = await (await client.GetAsync("/health/ready")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        Assert.Equal("ok", ready["checks"]!["storage"]!.GetValue<string>());
        Assert.Equal("ok", ready["checks"]!["grains"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheContextEndpoints()
    {
        using var client = factory.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.NotNull(document["paths"]!["/v1/context"]);
    }

    [Fact]
    public async Task TheInteractiveReferencePageIsHtml()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownRouteIsANotFoundProblem()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/no/such/route");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownRouteUnderTheApiIsANotFoundProblem()
    {
        using var admin = factory.AdminClient();

        var response = await admin.GetAsync("/v1/no-such-thing");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnsupportedMethodIsAProblem()
    {
        using var admin = factory.AdminClient();

        var response = await admin.PatchAsync("/v1/roles", Json.Content("{}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}
