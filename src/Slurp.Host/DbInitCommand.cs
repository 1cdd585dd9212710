using Slurp.Host.Configuration;
using Slurp.Host.Silo;
using Slurp.Storage.Postgres;

namespace Slurp.Host;

/// <summary>
/// <c>dotnet run --project src/Slurp.Host -- db init [options]</c> (the <c>slurp db init</c> of the design): applies
/// the PostgreSQL schema of sql/ idempotently with the same configuration the host would use, prints the
/// versions and exits — 0 on success, 1 with a clear message when the database is unreachable or newer, 2 for a
/// db command it does not know.
/// </summary>
internal static class DbInitCommand
{
    /// <summary>Any command line that starts with <c>db</c>: <c>db init</c> runs, anything else is answered with the usage.</summary>
    public static bool IsRequested(string[] args) => args is ["db", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [_, "init", ..])
        {
            await Console.Error.WriteLineAsync(
                $"unknown command 'db{(args.Length > 1 ? " " + args[1] : string.Empty)}'; the one db command is: db init [--ConnectionStrings:Slurp=…] [--Slurp:…=…]");
            return 2;
        }

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
