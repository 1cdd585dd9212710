using System.Text.Json.Nodes;

namespace Slurp.Cluster.Tests.Infrastructure;

/// <summary>What a silo's front door logged about transient failures (Slurp.Host.Api.TransientFailureRetry).</summary>
public sealed record FrontDoorLog(IReadOnlyList<(DateTimeOffset ReceivedAt, string TraceId, string Message)> Retries, IReadOnlyList<string> GaveUp)
{
    private const string RetryCategory = "Slurp.Host.Api.TransientFailureRetry";

    /// <summary>The retry filter's entries in <paramref name="silo"/>'s log received at or after <paramref name="since"/>.</summary>
    public static FrontDoorLog Of(SiloProcess silo, DateTimeOffset since)
    {
        var retries = new List<(DateTimeOffset, string, string)>();
        var gaveUp = new List<string>();
        foreach (var (receivedAt, entry) in silo.LogEntries())
        {
            if (receivedAt < since || entry["Category"]?.GetValue<string>() != RetryCategory)
            {
                continue;
            }

            var message = entry["Message"]?.GetValue<string>() ?? string.Empty;
            if (message.StartsWith("Retrying", StringComparison.Ordinal))
            {
                retries.Add((receivedAt, TraceIdOf(entry) ?? string.Empty, message));
            }
            else if (message.StartsWith("Gave up", StringComparison.Ordinal))
            {
                gaveUp.Add(entry.ToJsonString());
            }
        }

        return new FrontDoorLog(retries, gaveUp);
    }

    /// <summary>The request's W3C trace id, from the logging scopes (Activity tracking adds SpanId, TraceId, ParentId).</summary>
    private static string? TraceIdOf(JsonObject entry) =>
        entry["Scopes"] is JsonArray scopes
            ? scopes.OfType<JsonObject>().Select(s => s["TraceId"]?.GetValue<string>()).FirstOrDefault(t => t is not null)
            : null;
}
