using System.Net;
using System.Net.Http.Headers;
using Slurp.Api.Tests.Infrastructure;

namespace Slurp.Api.Tests.Access;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(SlurpApiFactory factory)
{
    [Fact]
    public async Task ARequestWithoutATokenIsUnauthorized()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/v1/roles");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ARequestWithoutATokenIsToldToUseBearer()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/v1/roles");

        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task AnUnknownTokenIsUnauthorized()
    {
        using var client = factory.ClientWithToken("slurp_not-a-real-token");

        var response = await client.GetAsync("/v1/roles");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnknownTokenIsToldItIsInvalid()
    {
        using var client = factory.ClientWithToken("slurp_not-a-real-token");

        var response = await client.GetAsync("/v1/roles");

        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherAuthenticationSchemeIsUnauthorized()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");

        var response = await client.GetAsync("/v1/roles");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AContextWriteWithoutATokenIsUnauthorizedAndStoresNothing()
    {
        var project = TestProject.Create();
        var address = project.Address("/src/a.cs");
        using var anonymous = factory.CreateClient();
        using var admin = factory.AdminClient();

        var response = await anonymous.PutJsonAsync(Url.Context(address), ContextWrites.Body("x"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.GetAsync(Url.Context(address))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
