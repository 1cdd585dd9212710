namespace Slurp.Storage.Postgres;

/// <summary>The schema version a database has, next to the one this code expects.</summary>
/// <param name="Endpoint">The server, as <c>host:port</c>.</param>
/// <param name="Database">The database on it.</param>
/// <param name="CurrentVersion">The database's schema version, or <see langword="null"/> if it has no SLURP schema.</param>
/// <param name="ExpectedVersion">The version this code expects (<see cref="PostgresSchema.ExpectedVersion"/>).</param>
public sealed record SchemaStatus(string Endpoint, string Database, int? CurrentVersion, int ExpectedVersion)
{
    /// <summary>Whether the database's schema is exactly the one this code expects.</summary>
    public bool IsCurrent => CurrentVersion == ExpectedVersion;

    /// <summary>Returns if <see cref="IsCurrent"/>; otherwise throws an exception that says what to run.</summary>
    /// <exception cref="PostgresSchemaException">The schema is missing (<see cref="SchemaProblem.NotInitialized"/>),
    /// older (<see cref="SchemaProblem.Outdated"/>) or newer (<see cref="SchemaProblem.TooNew"/>) than expected.</exception>
    public void EnsureCurrent()
    {
        switch (CurrentVersion)
        {
            case null:
                throw SchemaErrors.NotInitialized(Endpoint, Database, ExpectedVersion);
            case { } current when current < ExpectedVersion:
                throw SchemaErrors.Outdated(current, ExpectedVersion);
            case { } current when current > ExpectedVersion:
                throw SchemaErrors.TooNew(current, ExpectedVersion);
        }
    }
}
