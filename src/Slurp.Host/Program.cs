using Slurp.Host;
using Slurp.Host.Api;
using Slurp.Host.Configuration;
using Slurp.Host.Metrics;
using Slurp.Host.Silo;

if (DbInitCommand.IsRequested(args))
{
    return await DbInitCommand.RunAsync(args);
}

// A start refused for a reason the operator can fix prints one line and exits with code 1, not an unhandled
// exception's stack trace and an abort. A handler rather than a catch: the API tests' WebApplicationFactory runs this
// entry point on a thread of its own and must still see the exception itself.
AppDomain.CurrentDomain.UnhandledException += StartupFailure.ExitWithReason;

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
