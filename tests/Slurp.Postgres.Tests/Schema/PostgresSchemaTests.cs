using Npgsql;
using Slurp.Postgres.Tests.Infrastructure;
using Slurp.Storage.Postgres;

namespace Slurp.Postgres.Tests.Schema;

/// <summary><see cref="PostgresSchema"/> against a fresh database per test.</summary>
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ApplyOnAnEmptyDatabaseRunsTheBaselineInOrderAndRecordsTheExpectedVersion()
    {
        var report = await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);

        Assert.Null(report.PreviousVersion);
        Assert.Equal(PostgresSchema.ExpectedVersion, report.CurrentVersion);
        Assert.Equal(
            ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql", "PostgreSQL-Slurp.sql"],
            report.AppliedScripts);
        Assert.Equal(PostgresSchema.ExpectedVersion, await _database.ScalarAsync<int>("SELECT max(version) FROM slurp_schema_version"));
    }

    [Fact]
    public async Task ApplyingASecondTimeChangesNothing()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);

        var second = await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);

        Assert.False(second.Changed);
        Assert.Equal(PostgresSchema.ExpectedVersion, second.PreviousVersion);
        Assert.Equal(PostgresSchema.ExpectedVersion, second.CurrentVersion);
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM slurp_schema_version"));
    }

    [Fact]
    public async Task SilosApplyingAtTheSameTimeTakeTurnsAndOnlyOneApplies()
    {
        // Without the advisory lock, concurrent CREATE TABLE IF NOT EXISTS collide on pg_type and fail.
        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None))));

        Assert.Single(reports, r => r.Changed);
        Assert.All(reports, r => Assert.Equal(PostgresSchema.ExpectedVersion, r.CurrentVersion));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM slurp_schema_version"));
    }

    [Fact]
    public async Task CheckOnAnEmptyDatabaseReportsNoSchemaAndSaysWhatToRun()
    {
        var status = await PostgresSchema.CheckAsync(_database.ConnectionString, CancellationToken.None);

        Assert.Null(status.CurrentVersion);
        Assert.False(status.IsCurrent);
        var error = Assert.Throws<PostgresSchemaException>(status.EnsureCurrent);
        Assert.Equal(SchemaProblem.NotInitialized, error.Problem);
        Assert.Contains($"database \"{_database.Name}\"", error.Message);
        Assert.Contains("slurp db init", error.Message);
    }

    [Fact]
    public async Task CheckAfterApplyReportsTheSchemaCurrent()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);

        var status = await PostgresSchema.CheckAsync(_database.ConnectionString, CancellationToken.None);

        Assert.Equal(PostgresSchema.ExpectedVersion, status.CurrentVersion);
        Assert.Equal(PostgresSchema.ExpectedVersion, status.ExpectedVersion);
        Assert.True(status.IsCurrent);
        status.EnsureCurrent();
    }

    [Fact]
    public async Task ADatabaseNewerThanTheCodeIsRefusedByApplyAndCheck()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None);
        var newer = PostgresSchema.ExpectedVersion + 1;
        await _database.ExecuteAsync(
            "INSERT INTO slurp_schema_version (version, description) VALUES (@version, 'from a newer build')", ("version", newer));

        var apply = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None));
        var status = await PostgresSchema.CheckAsync(_database.ConnectionString, CancellationToken.None);

        Assert.Equal(SchemaProblem.TooNew, apply.Problem);
        Assert.StartsWith($"schema version {newer} is newer than the code's {PostgresSchema.ExpectedVersion}", apply.Message);
        Assert.Equal(newer, status.CurrentVersion);
        Assert.Equal(SchemaProblem.TooNew, Assert.Throws<PostgresSchemaException>(status.EnsureCurrent).Problem);
    }

    [Fact]
    public async Task AMissingDatabaseIsReportedAsARefusedConnection()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Database = _database.Name + "_missing" };

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => PostgresSchema.ApplyAsync(connectionString.ConnectionString, CancellationToken.None));

        Assert.Equal(SchemaProblem.Rejected, error.Problem);
        Assert.Contains("3D000", error.Message);
    }

    [Fact]
    public async Task AFailingScriptRollsEverythingBack()
    {
        // A table in the way with another shape makes PostgreSQL-Reminders.sql fail after three scripts succeeded.
        await _database.ExecuteAsync("CREATE TABLE orleans_reminder (unrelated int)");

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None));

        Assert.Equal(SchemaProblem.ScriptFailed, error.Problem);
        Assert.StartsWith("applying PostgreSQL-Reminders.sql failed, nothing was changed: ", error.Message);
        Assert.False(await _database.ScalarAsync<bool>("SELECT to_regclass('orleansquery') IS NOT NULL"));
        Assert.False(await _database.ScalarAsync<bool>("SELECT to_regclass('slurp_schema_version') IS NOT NULL"));
    }

    [Fact]
    public async Task ADatabaseHoldingSomeoneElsesOrleansQueryTableIsRefused()
    {
        await _database.ExecuteAsync("CREATE TABLE OrleansQuery (QueryKey varchar(64) PRIMARY KEY, QueryText varchar(8000) NOT NULL)");

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => PostgresSchema.ApplyAsync(_database.ConnectionString, CancellationToken.None));

        Assert.Equal(SchemaProblem.ScriptFailed, error.Problem);
        Assert.Contains("orleansquery exists but was not created by SLURP", error.Message);
    }
}
