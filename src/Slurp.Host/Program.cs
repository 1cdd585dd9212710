using Slurp.Host.Api;
using Slurp.Host.Configuration;
using Slurp.Host.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddSharedAppSettings();
builder.AddSlurpSilo();
builder.AddSlurpApi();

var app = builder.Build();
app.MapSlurpApi();
app.Run();

/// <summary>Entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
