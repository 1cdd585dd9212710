using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Slurp.Host.Audit;
using Slurp.Host.Auth;
using Slurp.Host.Keys;
using Slurp.Host.Configuration;
using Slurp.Host.Health;
using Slurp.Host.Seal;

namespace Slurp.Host.Api;

/// <summary>The front door: services and routes of the HTTP API.</summary>
internal static class ApiSetup
{
    public static WebApplicationBuilder AddSlurpApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SlurpOptions>().Bind(builder.Configuration.GetSection(SlurpOptions.Section))
            .Validate(o => o.Api.MaxBodyBytes > 0, "Slurp:Api:MaxBodyBytes must be positive")
            .Validate(o => o.Cascade.MaxDepth is >= 1 and <= 1024, "Slurp:Cascade:MaxDepth must be 1 to 1024")
            .Validate(o => o.Auth.CacheMilliseconds >= 0, "Slurp:Auth:CacheMilliseconds must be 0 (no copies) or more")
            .ValidateOnStart();
        builder.Services.AddSingleton<BootstrapAdmin>();
        builder.Services.AddSingleton<CallerAuthentication>();
        builder.Services.AddSingleton<AccessCache>();
        builder.Services.AddSingleton<ServiceAvailability>();
        builder.Services.AddSingleton<TransientFailureRetry>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<SealCoordinator>();
        // The auto-unseal seam: a host may register its own IMasterKeyProvider (for example a KMS) first.
        builder.Services.TryAddSingleton<IMasterKeyProvider, DevKeyFileProvider>();
        builder.Services.AddHostedService<SealBootstrap>();
        builder.Services.AddHostedService<KeyReminderBootstrap>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.AddMissingDetail);
        builder.Services.ConfigureHttpJsonOptions(o => SlurpJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi("v1");
        builder.Services.Configure<KestrelServerOptions>(k =>
        {
            var limit = builder.Configuration.GetValue<long?>($"{SlurpOptions.Section}:Api:MaxBodyBytes") ?? new ApiOptions().MaxBodyBytes;
            // Kestrel cuts bodies a little above the limit; the reader answers 413 at the limit itself.
            k.Limits.MaxRequestBodySize = limit + 1;
        });
        return builder;
    }

    public static WebApplication MapSlurpApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/reference", o => o.WithTitle("SLURP API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealth();

        app.MapSys();
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ServiceAvailability>().AddEndpointFilter<TransientFailureRetry>().AddEndpointFilter<CallerAuthentication>()
            .AddEndpointFilter<QueryEncodingCheck>();
        v1.MapAgents();
        v1.MapRoles();
        v1.MapContext();
        v1.MapKeys();
        v1.MapAudit();
        v1.MapSecurity();

        // Create (or load) the bootstrap admin token at start-up, so its path is logged before the first request.
        _ = app.Services.GetRequiredService<BootstrapAdmin>();
        _ = app.Services.GetRequiredService<IOptions<SlurpOptions>>().Value;
        return app;
    }
}
