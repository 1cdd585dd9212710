using Slurp.Host.Configuration;
using Slurp.Host.Silo;
using Slurp.Storage.Postgres;

namespace Slurp.Host;

/// <summary>
/// <c>dotnet run --project src/Slurp.Host -- db init [options]</c> (the <c>slurp db init</c> of the design): applies
/// the PostgreSQL schema of sql/ idempotently with the same configuration the host would use, prints the
/// versions and exits — 0 on success, 1 with a clear message when the database is unreachable or newer.
/// </summary>
internal static class DbInitCommand
{
    public static bool IsRequested(string[] args) => args is ["db", "init", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(StartupArguments.WithoutConfigReload(args[2..]));
        builder.AddSharedAppSettings();
        try
        {
            var report = await PostgresSchema.ApplyAsync(PostgresProfile.ConnectionString(builder.Configuration), CancellationToken.None);
            await Console.Out.WriteLineAsync(
                $"schema version {report.PreviousVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} -> {report.CurrentVersion}; applied: {(report.AppliedScripts.Count == 0 ? "nothing (already current)" : string.Join(", ", report.AppliedScripts))}");
            if (PostgresSchemaGate.UnreadContextWarning(report) is { } warning)
            {
                await Console.Error.WriteLineAsync(warning);
            }

            return 0;
        }
        catch (Exception ex) when (ex is PostgresSchemaException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"db init failed: {ex.Message}");
            return 1;
        }
    }
}
