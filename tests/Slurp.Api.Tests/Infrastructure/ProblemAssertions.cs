using System.Net;
using System.Text.Json;

namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Checks the RFC 9457 shape every error answer must have.</summary>
public static class ProblemAssertions
{
    /// <summary>
    /// Asserts the status, <c>Content-Type: application/problem+json</c> and that <c>type</c>, <c>title</c>,
    /// <c>status</c> and <c>detail</c> are present; returns the problem document.
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        foreach (var member in new[] { "type", "title", "status", "detail" })
        {
            Assert.True(problem.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null, $"problem has no '{member}': {text}");
        }

        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
