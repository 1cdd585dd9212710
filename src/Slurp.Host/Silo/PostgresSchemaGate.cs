using Slurp.Storage.Postgres;

namespace Slurp.Host.Silo;

/// <summary>
/// Runs before the silo starts on the Postgres profile: applies sql/ when asked (<c>Slurp:Storage:ApplySchema</c>,
/// or the <c>db init</c> command), otherwise refuses to start on an unreachable database or an old schema,
/// with a message that says what to run — instead of Orleans failing later on a missing query.
/// </summary>
internal static class PostgresSchemaGate
{
    public static void Ensure(string connectionString, bool apply)
    {
        if (apply)
        {
            var report = PostgresSchema.ApplyAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult();
            if (UnreadContextWarning(report) is { } warning)
            {
                // Before the host (and its logging) exists: standard error, like db init.
                Console.Error.WriteLine(warning);
            }

            return;
        }

        PostgresSchema.CheckAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult().EnsureCurrent();
    }

    /// <summary>The warning to print when an upgraded database still holds context nodes this version does not read.</summary>
    public static string? UnreadContextWarning(SchemaReport report) => report.UnreadContextRows == 0
        ? null
        : $"warning: {report.UnreadContextRows} context-node row(s) written by a schema-version-1 build remain in orleans_grain_state; " +
          "this version reads context nodes from slurp_grain_state only, so they are not served (docs/storage.md, 'Upgrading from schema version 1').";
}
