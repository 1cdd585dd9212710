namespace Slurp.Storage.Postgres;

/// <summary>What <see cref="PostgresSchema.ApplyAsync(string, CancellationToken)"/> did.</summary>
/// <param name="PreviousVersion">The schema version before, or <see langword="null"/> if the database had none.</param>
/// <param name="CurrentVersion">The schema version now: always the code's <see cref="PostgresSchema.ExpectedVersion"/>.</param>
/// <param name="AppliedScripts">The scripts run, in order (file names); empty when the schema was already current.</param>
public sealed record SchemaReport(int? PreviousVersion, int CurrentVersion, IReadOnlyList<string> AppliedScripts)
{
    /// <summary>Whether anything was applied; <see langword="false"/> means the call was a no-op.</summary>
    public bool Changed => AppliedScripts.Count > 0;
}
