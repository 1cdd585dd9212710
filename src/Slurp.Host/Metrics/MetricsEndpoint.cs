using OpenTelemetry.Metrics;
using Slurp.Host.Configuration;

namespace Slurp.Host.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the silo's OpenTelemetry metrics in Prometheus text (DESIGN.md, API.md) — SLURP's own meters
/// (the ancestor cache's hits and misses), Orleans' (grain calls, activations, membership), ASP.NET Core's and
/// Kestrel's (requests and their durations by route), Npgsql's (the cluster profile's connections and commands) and
/// the .NET runtime's. Unauthenticated like the health probes: it carries counts and durations, never context,
/// addresses or agents; keep it inside the cluster network (deploy/README.md).
/// </summary>
internal static class MetricsEndpoint
{
    /// <summary>Every meter the endpoint exports.</summary>
    public static readonly string[] Meters =
    [
        "Slurp.*",
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Npgsql",
        "System.Runtime",
    ];

    public static WebApplicationBuilder AddSlurpMetrics(this WebApplicationBuilder builder)
    {
        if (Enabled(builder.Configuration))
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(Meters)
                // Prometheus scrapes every 15–60 s; the exporter's 300 ms answer cache would only delay a fresh count.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        return builder;
    }

    public static WebApplication MapSlurpMetrics(this WebApplication app)
    {
        if (Enabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
        }

        return app;
    }

    // The one key, not the whole options object bound again (start-up binds it elsewhere, with its validation).
    private static bool Enabled(IConfiguration configuration) =>
        configuration.GetValue($"{SlurpOptions.Section}:Metrics:Enabled", new MetricsOptions().Enabled);
}
