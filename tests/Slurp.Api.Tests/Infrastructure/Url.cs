namespace Slurp.Api.Tests.Infrastructure;

/// <summary>Builds API URLs, URL-encoding the UCXL address and every query value.</summary>
public static class Url
{
    /// <summary><c>/v1/context{/route}?address=…&amp;name=value…</c>.</summary>
    public static string Context(string address, string? route = null, params (string Name, string Value)[] query) =>
        "/v1/context" + (route is null ? string.Empty : "/" + route)
        + "?address=" + Uri.EscapeDataString(address)
        + string.Concat(query.Select(q => "&" + q.Name + "=" + Uri.EscapeDataString(q.Value)));

    /// <summary><c>/v1/context?address=…</c> with only query parameters after the address.</summary>
    public static string Context(string address, params (string Name, string Value)[] query) => Context(address, null, query);
}
