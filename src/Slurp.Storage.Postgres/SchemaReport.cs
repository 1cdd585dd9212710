namespace Slurp.Storage.Postgres;

/// <summary>What <see cref="PostgresSchema.ApplyAsync(string, CancellationToken)"/> did.</summary>
/// <param name="PreviousVersion">The schema version before, or <see langword="null"/> if the database had none.</param>
/// <param name="CurrentVersion">The schema version now: always the code's <see cref="PostgresSchema.ExpectedVersion"/>.</param>
/// <param name="AppliedScripts">The scripts run, in order (file names); empty when the schema was already current.</param>
public sealed record SchemaReport(int? PreviousVersion, int CurrentVersion, IReadOnlyList<string> AppliedScripts)
{
    /// <summary>
    /// Context-node rows that a schema-version-1 build stored through the Orleans provider (<c>orleans_grain_state</c>,
    /// state names <c>node</c> and <c>projects</c>) and that this version does not read: from version 2 context nodes
    /// live in <c>slurp_grain_state</c>. Zero on a new database. The rows are left as they are.
    /// </summary>
    public long UnreadContextRows { get; init; }

    /// <summary>Whether anything was applied; <see langword="false"/> means the call was a no-op.</summary>
    public bool Changed => AppliedScripts.Count > 0;
}
