using Slurp.Host;
using Slurp.Host.Api;
using Slurp.Host.Configuration;
using Slurp.Host.Metrics;
using Slurp.Host.Silo;

if (DbInitCommand.IsRequested(args))
{
    return await DbInitCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(StartupArguments.WithoutConfigReload(args));
builder.AddSharedAppSettings();
builder.AddSlurpSilo();
builder.AddSlurpApi();
builder.AddSlurpMetrics();

var app = builder.Build();
app.MapSlurpApi();
app.MapSlurpMetrics();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
