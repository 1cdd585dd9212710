using Slurp.Abstractions.Access;
using Slurp.Grains.Seal;
using Slurp.Grains.Storage;
using Slurp.Grains.Storage.Postgres;
using Slurp.Host.Api;

namespace Slurp.Host.Health;

/// <summary>Liveness (the process answers) and readiness (storage reachable, unsealed, grains answering).</summary>
internal static class HealthApi
{
    public sealed record HealthView(string Status, IReadOnlyDictionary<string, string> Checks);

    public static WebApplication MapHealth(this WebApplication app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthView("live", new Dictionary<string, string>())))
            .WithName("Live").WithSummary("The process is up");
        group.MapGet("/ready", Ready).WithName("Ready").WithSummary("Storage is reachable and grains answer");
        return app;
    }

    private static async Task<IResult> Ready(HttpContext http, IGrainFactory grains, IServiceProvider services)
    {
        var checks = new Dictionary<string, string>();
        var ready = true;
        if (services.GetService<SqliteStateStore>() is { } store)
        {
            var reachable = await store.IsReachableAsync(http.RequestAborted);
            checks["storage"] = reachable ? "ok" : "unreachable";
            ready &= reachable;
        }

        if (services.GetService<PostgresStateStore>() is { } postgres)
        {
            var reachable = await postgres.IsReachableAsync(http.RequestAborted);
            checks["storage"] = reachable ? "ok" : "unreachable";
            ready &= reachable;
        }

        var isSealed = services.GetRequiredService<SealVault>().IsSealed;
        checks["seal"] = isSealed ? "sealed" : "unsealed";
        ready &= !isSealed;

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await grains.GetGrainByKey<IRoleCatalogGrain>(IRoleCatalogGrain.Key).GetRolesAsync(timeout.Token);
            checks["grains"] = "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            checks["grains"] = "unavailable";
            ready = false;
        }

        return ready
            ? TypedResults.Ok(new HealthView("ready", checks))
            : Problems.Unavailable(string.Join(", ", checks.Select(c => $"{c.Key}: {c.Value}")));
    }
}
