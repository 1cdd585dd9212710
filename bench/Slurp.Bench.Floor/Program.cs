using System.Text.Json;
using Npgsql;

// The floor: the least an HTTP service can do for a durable write on the PostgreSQL profile. It answers the
// load generator's PUT /v1/context exactly as SLURP's front door is asked (same URL, same 2 KB JSON body,
// keep-alive HTTP/1.1 on Kestrel), parses the body as JSON, and UPSERTs it with a version bump in one
// autocommitted statement through Npgsql — pgbench's upsert.sql behind HTTP, nothing else: no Orleans, no
// authentication, no encryption, no audit, no cascade. SLURP's ratio to pgbench can never beat this one's,
// so it tells how much of a gap is the HTTP service itself and how much is SLURP's own work.
// Like SLURP's host (StartupArguments), no reload-on-change watch of the content root: run.sh starts it in the
// folder that also holds PostgreSQL's data directory, and every commit would wake the watcher.
var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = builder.Configuration.GetConnectionString("Floor")
    ?? throw new InvalidOperationException("give --ConnectionStrings:Floor=<Npgsql connection string>");
var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString)
{
    // The same tuning SLURP's profile applies by default (PostgresConnectionTuning).
    NoResetOnClose = true,
    MaxAutoPrepare = 32,
}.ConnectionString).Build();
builder.Services.AddSingleton(dataSource);
var app = builder.Build();

await using (var setup = dataSource.CreateCommand(FloorSql.CreateTable))
{
    await setup.ExecuteNonQueryAsync();
}

app.MapPut("/v1/context", async (string? address, HttpRequest request, NpgsqlDataSource db, CancellationToken ct) =>
{
    if (string.IsNullOrEmpty(address))
    {
        return Results.Problem(statusCode: 400, title: "address is required");
    }

    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer, ct);
    var body = buffer.ToArray();
    try
    {
        // Parsing (not binding) is the least a JSON API does with a body it stores.
        using var _ = JsonDocument.Parse(body);
    }
    catch (JsonException ex)
    {
        return Results.Problem(statusCode: 400, title: "the body is not JSON", detail: ex.Message);
    }

    await using var command = db.CreateCommand(FloorSql.Upsert);
    command.Parameters.AddWithValue(address);
    command.Parameters.AddWithValue(body);
    var version = (long)(await command.ExecuteScalarAsync(ct))!;
    var answer = new FloorAnswer(address, version);
    return version == 1 ? Results.Created($"/v1/context?address={Uri.EscapeDataString(address)}", answer) : Results.Ok(answer);
});

// The load generator registers its agent with POST /v1/agents when given --admin-token; the floor has no
// agents, so it answers with a token that it never checks.
app.MapPost("/v1/agents", () => Results.Created("/v1/agents/floor", new FloorAgent("floor", "floor-token")));
app.MapGet("/health/ready", () => Results.Ok());
await app.RunAsync();

internal sealed record FloorAnswer(string Address, long Version);

internal sealed record FloorAgent(string AgentId, string Token);

internal static class FloorSql
{
    // Like pgbench-init.sql's kv: the payload out of line without compression, as a fresh 2 KB TOAST value each write.
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS floor_kv (address text PRIMARY KEY, version bigint NOT NULL, payload bytea NOT NULL, modified_at timestamptz NOT NULL);
        ALTER TABLE floor_kv ALTER COLUMN payload SET STORAGE EXTERNAL;
        """;

    public const string Upsert = """
        INSERT INTO floor_kv (address, version, payload, modified_at) VALUES ($1, 1, $2, now())
        ON CONFLICT (address) DO UPDATE SET version = floor_kv.version + 1, payload = EXCLUDED.payload, modified_at = now()
        RETURNING version
        """;
}
