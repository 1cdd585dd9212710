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
            PostgresSchema.ApplyAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult();
            return;
        }

        PostgresSchema.CheckAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult().EnsureCurrent();
    }
}
