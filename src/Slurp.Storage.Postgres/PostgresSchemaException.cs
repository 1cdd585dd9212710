namespace Slurp.Storage.Postgres;

/// <summary>Why the PostgreSQL schema could not be checked or applied.</summary>
public enum SchemaProblem
{
    /// <summary>No connection could be made: the server is down, the address is wrong, or it timed out.</summary>
    Unreachable,

    /// <summary>The server answered but refused the session (login, missing database, starting up...).</summary>
    Rejected,

    /// <summary>The database has no SLURP schema yet.</summary>
    NotInitialized,

    /// <summary>The database's schema is older than this code expects.</summary>
    Outdated,

    /// <summary>The database's schema is newer than this code knows.</summary>
    TooNew,

    /// <summary>A schema script failed; nothing was applied (the transaction rolled back).</summary>
    ScriptFailed,
}

/// <summary>The PostgreSQL schema could not be checked or applied; <see cref="Exception.Message"/> says what to do.</summary>
public sealed class PostgresSchemaException : Exception
{
    internal PostgresSchemaException(SchemaProblem problem, string message, Exception? innerException = null)
        : base(message, innerException) => Problem = problem;

    /// <summary>What went wrong.</summary>
    public SchemaProblem Problem { get; }
}

/// <summary>Every schema error, worded in one place.</summary>
internal static class SchemaErrors
{
    /// <summary>What an operator runs to create or upgrade the schema.</summary>
    public const string ApplyHint =
        "run `dotnet run --project src/Slurp.Host -- --Slurp:Storage:ApplySchema=true` or `slurp db init`";

    public static PostgresSchemaException Unreachable(string endpoint, Exception cause) =>
        new(SchemaProblem.Unreachable, $"PostgreSQL at {endpoint} is unreachable: {Describe(cause)}", cause);

    public static PostgresSchemaException Rejected(string endpoint, Npgsql.PostgresException cause) =>
        new(SchemaProblem.Rejected,
            $"PostgreSQL at {endpoint} refused the connection: {cause.MessageText} (SQLSTATE {cause.SqlState})", cause);

    public static PostgresSchemaException NotInitialized(string endpoint, string database, int expected) =>
        new(SchemaProblem.NotInitialized,
            $"database \"{database}\" at {endpoint} has no SLURP schema (the code expects version {expected}): {ApplyHint}");

    public static PostgresSchemaException Outdated(int current, int expected) =>
        new(SchemaProblem.Outdated, $"schema version {current} is older than the code's {expected}: {ApplyHint}");

    public static PostgresSchemaException TooNew(int current, int expected) =>
        new(SchemaProblem.TooNew,
            $"schema version {current} is newer than the code's {expected}: this build is older than the database; deploy a build with schema version {current} or later");

    public static PostgresSchemaException ScriptFailed(string script, Npgsql.PostgresException cause) =>
        new(SchemaProblem.ScriptFailed,
            $"applying {script} failed, nothing was changed: {cause.MessageText} (SQLSTATE {cause.SqlState}){(cause.Where is { } where ? $" at {where}" : "")}",
            cause);

    // Npgsql's outer message is generic ("Failed to connect to ..."); the socket or timeout cause says why.
    private static string Describe(Exception cause) =>
        cause.InnerException is { } inner && inner.Message != cause.Message
            ? $"{cause.Message} ({inner.Message})"
            : cause.Message;
}
