using System.Text;
using Microsoft.AspNetCore.Http;
using Slurp.Host.Api;
using Slurp.Host.Context;

namespace Slurp.Api.Tests.Hosting;

/// <summary>
/// A request's body is read once and kept with the request, so a handler run again by TransientFailureRetry gets the
/// same bytes without the server buffering every request's stream.
/// </summary>
public sealed class JsonBodyReaderTests
{
    private const string Body = """{"context_data":{"summary":"first read"}}""";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ASecondReadOfTheSameRequestGetsTheBytesOfTheFirst(bool announceLength)
    {
        var http = Request(Body, announceLength);

        var first = await JsonBodyReader.ReadAsync<PutContextBody>(http.Request, 1024, default);
        var second = await JsonBodyReader.ReadAsync<PutContextBody>(http.Request, 1024, default);

        Assert.Null(first.Problem);
        Assert.Null(second.Problem);
        Assert.Equal(Encoding.UTF8.GetBytes(Body), second.Raw);
        Assert.Equal("first read", second.Value!.ContextData!.Summary);
        Assert.Equal(0, http.Request.Body.Length - http.Request.Body.Position);
    }

    [Fact]
    public async Task ABodyShorterThanItsAnnouncedLengthIsParsedAsWhatArrived()
    {
        var http = Request("""{"context_data":""", announceLength: false);
        http.Request.ContentLength = 500;

        var body = await JsonBodyReader.ReadAsync<PutContextBody>(http.Request, 1024, default);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsAssignableFrom<IStatusCodeHttpResult>(body.Problem).StatusCode);
    }

    [Fact]
    public async Task AnAnnouncedLengthOverTheLimitIsRefusedBeforeReading()
    {
        var http = Request(Body, announceLength: true);

        var body = await JsonBodyReader.ReadAsync<PutContextBody>(http.Request, 10, default);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Assert.IsAssignableFrom<IStatusCodeHttpResult>(body.Problem).StatusCode);
        Assert.Equal(0, http.Request.Body.Position);
    }

    private static DefaultHttpContext Request(string json, bool announceLength)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = announceLength ? bytes.Length : null;
        return http;
    }
}
