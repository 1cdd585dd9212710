using Slurp.Postgres.Tests.Infrastructure;
using Slurp.Storage.Postgres;

namespace Slurp.Postgres.Tests.Schema;

/// <summary>
/// The real migration 0002 (context nodes move to slurp_grain_state): a database left at version 1 gets the new
/// tables, and the upgrade reports the context-node rows the old build left in the Orleans table.
/// </summary>
public sealed class ContextStateMigrationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AVersion1DatabaseGetsTheContextTablesAndHearsOfTheRowsItLeftBehind()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);
        await TurnBackToVersion1Async();
        await _database.ExecuteAsync("""
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, payload, version) VALUES
                ('slurp', 'node', 0, 0, 'node/p/t/src/a.cs', '\x01', 1),
                ('slurp', 'projects', 0, 0, 'directory/projects', '\x01', 1),
                ('slurp', 'node', 0, 0, 'node/p/t/src/cleared.cs', NULL, 2),
                ('slurp', 'roles', 0, 0, 'catalog/roles', '\x01', 1)
            """);

        var report = await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);

        Assert.Equal(1, report.PreviousVersion);
        Assert.Equal(["PostgreSQL-0002-context-state.sql", "PostgreSQL-0003-audit-chain-check.sql"], report.AppliedScripts);
        Assert.Equal(2, report.UnreadContextRows);
        Assert.True(await _database.ScalarAsync<bool>("SELECT to_regclass('slurp_grain_state_part') IS NOT NULL"));
        Assert.Equal(4L, await _database.ScalarAsync<long>("SELECT count(*) FROM orleans_grain_state"));
    }

    [Fact]
    public async Task ANewDatabaseHasNothingLeftBehind()
    {
        var first = await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);
        var again = await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);

        Assert.Equal(0, first.UnreadContextRows);
        Assert.Equal(0, again.UnreadContextRows);
    }

    /// <summary>What a version-1 database looks like to the migration: no context tables, version 1 recorded.</summary>
    private Task TurnBackToVersion1Async() => _database.ExecuteAsync("""
        DROP TABLE slurp_grain_state_part;
        DROP TABLE slurp_grain_state;
        DELETE FROM slurp_schema_version;
        INSERT INTO slurp_schema_version (version, description) VALUES (1, 'baseline (version 1, simulated)');
        """);
}
